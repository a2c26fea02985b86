package dev.memprof.cli;

import dev.memprof.testsupport.TargetJdk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memprof.testsupport.TargetJdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stacks deeper than JFR's default (64) and memprof's old limit (128) are recorded whole, from main to the
 * allocation: by {@code run} always, by {@code attach} when the target's JFR has not run before. When it has, attach
 * leaves the depth alone (raising it then crashes a JDK 17 target) and says so in one line.
 */
class WholeStacksIT {
    static final String MAIN = "dev.memprof.samples.DeepStacks";
    /** main, DEPTH + 1 frames of descend, allocate (the sample's Javadoc). */
    static final int WHOLE = 600 + 3;

    @TempDir
    Path dir;

    @Test
    void runRecordsADeepStackWhole() throws Exception {
        var run = memprof(dir, "run", "-o", "run.jfr", "--", MemprofProcess.java("17"), TargetJdk.C1_ONLY, "-cp", MemprofProcess.samplesClasses(), MAIN, "2");
        assertEquals(0, run.exitCode(), run.err());
        assertWhole(topStack("run.jfr"));
    }

    @TargetJdks
    void attachRaisesTheDepthOfATargetWhoseJfrHasNotRun(String jdk) throws Exception {
        Process app = MemprofProcess.startMain(jdk, MAIN, "30");
        try {
            var attach = memprof(dir, "attach", Long.toString(app.pid()), "--duration", "2s", "-o", "attach.jfr");
            assertEquals(0, attach.exitCode(), attach.err());
            assertFalse(attach.err().contains("stack depth"), attach.err());
        } finally {
            app.destroyForcibly();
        }
        assertWhole(topStack("attach.jfr"));
    }

    /** Its JFR ran (a recording from its start): memprof records at the target's depth and says why. */
    @TargetJdks
    void attachLeavesTheDepthOfATargetWhoseJfrHasRunAndSaysSo(String jdk) throws Exception {
        Process app = MemprofProcess.startMain(jdk, List.of("-XX:StartFlightRecording=name=own,disk=false", "-Xlog:jfr+startup=error"), MAIN, "30");
        try {
            var attach = memprof(dir, "attach", Long.toString(app.pid()), "--duration", "2s", "-o", "attach.jfr");
            assertEquals(0, attach.exitCode(), attach.err());
            assertEquals("memprof attach: stacks deeper than the target's JFR stack depth lose their outer frames: its JFR has run "
                    + "before, and its stack depth (64 frames) can only be raised before that; for whole stacks start it with "
                    + "-XX:FlightRecorderOptions=stackdepth=1024", attach.err().strip());
            assertTrue(app.isAlive(), "the target still runs");
        } finally {
            app.destroyForcibly();
        }
        JsonNode stack = topStack("attach.jfr");
        assertEquals(64, stack.size(), "the target's depth: " + stack);
        assertEquals(MAIN + ".allocate", stack.get(0).asText());
    }

    private static void assertWhole(JsonNode stack) {
        assertEquals(WHOLE, stack.size(), stack.toString());
        assertEquals(MAIN + ".allocate", stack.get(0).asText());
        assertEquals(MAIN + ".main", stack.get(WHOLE - 1).asText(), "the outermost frame is main");
    }

    /** The top allocation site's stack, leaf first. */
    private JsonNode topStack(String recording) throws Exception {
        var report = memprof(dir, "report", recording, "--format", "json");
        assertEquals(0, report.exitCode(), report.err());
        return new ObjectMapper().readTree(report.out()).at("/topSites/0/stack");
    }
}
