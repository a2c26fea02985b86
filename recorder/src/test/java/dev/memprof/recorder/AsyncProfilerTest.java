package dev.memprof.recorder;

import com.sun.tools.attach.VirtualMachine;
import dev.memprof.testsupport.TargetJdks;
import dev.memprof.testsupport.TargetJvm;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.memprof.testsupport.TargetJvm.events;
import static dev.memprof.testsupport.TargetJvm.jcmd;
import static org.junit.jupiter.api.Assertions.*;

class AsyncProfilerTest {
    static final String SITES = "dev.memprof.samples.AllocationSites";

    @TempDir
    Path dir;

    @Test
    void theLibraryIsChosenByOperatingSystemAndArchitecture() {
        assertEquals("linux-x64", AsyncProfiler.platform("Linux", "amd64"));
        assertEquals("linux-x64", AsyncProfiler.platform("Linux", "x86_64"));
        assertEquals("linux-arm64", AsyncProfiler.platform("Linux", "aarch64"));
        assertEquals("macos", AsyncProfiler.platform("Mac OS X", "aarch64"));
        assertEquals("macos", AsyncProfiler.platform("Mac OS X", "x86_64"));
        for (String[] none : new String[][]{{"Linux", "s390x"}, {"Linux", "ppc64le"}, {"Linux", "arm"}, {"Linux", "x86"},
                {"Windows 11", "amd64"}, {"FreeBSD", "amd64"}, {"SunOS", "sparcv9"}, {null, null}}) {
            assertNull(AsyncProfiler.platform(none[0], none[1]), String.join(" ", String.valueOf(none[0]), String.valueOf(none[1])));
        }
        // every platform the rule names has its library in the jar
        for (String platform : List.of("linux-x64", "linux-arm64", "macos")) {
            assertTrue(RecorderFiles.resource("/" + platform + "/libasyncProfiler.so").length > 100_000, platform);
        }
    }

    @Test
    void jfrsSettingsForAsyncProfilerAreMemprofsWithoutJfrsAllocationSamples() throws Exception {
        Map<String, String> jfr = settings(RecorderFiles.resource("memprof.jfc"));
        Map<String, String> async = settings(RecorderFiles.settingsWithoutAllocationSamples());
        assertEquals("true", jfr.get("jdk.ObjectAllocationSample#enabled"));
        assertEquals("false", async.get("jdk.ObjectAllocationSample#enabled"));
        for (String key : jfr.keySet()) {
            if (!key.equals("jdk.ObjectAllocationSample#enabled")) assertEquals(jfr.get(key), async.get(key), key);
        }
    }

    private static Map<String, String> settings(byte[] jfc) throws Exception {
        return Configuration.create(new java.io.StringReader(new String(jfc, java.nio.charset.StandardCharsets.UTF_8))).getSettings();
    }

    @TargetJdks
    void theRecordingIsWrittenWhenTheTargetExitsDuringIt(String jdk) throws Exception {
        try (TargetJvm target = TargetJvm.start(jdk, List.of(), SITES, "8")) {
            AttachedRecording recording = AttachedRecording.start(JvmProcesses.requireJvm(target.pid()), dir.resolve("out.jfr"),
                    Duration.ofMinutes(1), AsyncProfiler.forThisPlatform(false));
            assertTrue(recording.agentProblem().isEmpty(), recording.agentProblem().toString());
            assertEquals(AttachedRecording.Ending.TARGET_EXITED, recording.awaitEnd());
            Path jfr = recording.finish();
            // async-profiler's part and JFR's, joined
            assertFalse(events(jfr, "jdk.ObjectAllocationInNewTLAB").isEmpty());
            assertFalse(events(jfr, "profiler.LiveObject").isEmpty());
            assertFalse(events(jfr, "memprof.ClassSource").isEmpty());
            assertFalse(events(jfr, "jdk.GCHeapSummary").isEmpty());
            assertTrue(events(jfr, "jdk.ObjectAllocationSample").isEmpty(), "JFR's own allocation samples are off");
            try (var files = Files.list(dir)) {
                assertEquals(List.of(jfr), files.toList(), "no part or log left");
            }
        }
    }

    @TargetJdks
    void asyncProfilerStopsByItselfAfterItsTimeoutSoAKilledMemprofLeavesNothingRunning(String jdk) throws Exception {
        try (TargetJvm target = TargetJvm.start(jdk, List.of(), SITES, "30")) {
            AsyncProfiler profiler = AsyncProfiler.forThisPlatform(true);
            Path file = dir.resolve("alone.jfr");
            TargetFolder folder = TargetFolder.forProcess(target.pid());
            Path library = profiler.library(folder);
            VirtualMachine vm = VirtualMachine.attach(Long.toString(target.pid()));
            try {
                profiler.startIn(vm, library, file, log("start.log"), Duration.ofSeconds(1));
            } finally {
                vm.detach(); // as if memprof were killed now
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (allocations(file) == 0 && System.nanoTime() < deadline) Thread.sleep(200);
            assertTrue(allocations(file) > 0, "complete file after the timeout");
            // one profiling session per JVM: starting again works only because the first one has stopped
            VirtualMachine again = VirtualMachine.attach(Long.toString(target.pid()));
            try {
                profiler.startIn(again, library, dir.resolve("again.jfr"), log("again.log"), Duration.ofSeconds(60));
                assertThrows(RecorderException.class, () -> profiler.startIn(again, library, dir.resolve("third.jfr"),
                        log("third.log"), Duration.ofSeconds(60)), "a second session while one runs is refused");
                profiler.stopIn(again, library, log("stop.log"));
            } finally {
                again.detach();
                folder.close();
            }
            assertTrue(target.process.isAlive(), target.output.toString());
            assertFalse(target.output.toString().contains("Profiling"), "quiet: " + target.output);
        }
    }

    private TargetFolder.Place log(String name) {
        return TargetFolder.Place.shared(dir.resolve(name));
    }

    @Test
    void aTargetThatRefusesAgentsGetsOneLineAndKeepsNothing() throws Exception {
        String jdk = "25"; // a JDK 21+
        try (TargetJvm target = TargetJvm.start(jdk, List.of("-XX:-EnableDynamicAgentLoading"), SITES, "30")) {
            RecorderException refused = assertThrows(RecorderException.class, () -> AttachedRecording.start(
                    JvmProcesses.requireJvm(target.pid()), dir.resolve("out.jfr"), Duration.ofSeconds(5), AsyncProfiler.forThisPlatform(false)));
            System.out.println("refused: " + refused.getMessage());
            assertTrue(refused.getMessage().startsWith("cannot start async-profiler in pid " + target.pid() + ": "), refused.getMessage());
            assertEquals(1, refused.getMessage().lines().count());
            assertTrue(target.process.isAlive());
            assertFalse(jcmd(jdk, target.pid(), "JFR.check").contains("memprof"));
            try (var files = Files.list(dir)) {
                assertEquals(List.of(), files.toList());
            }
        }
    }

    @Test
    void joiningKeepsJfrsPartWhenAsyncProfilersIsMissing() throws Exception {
        Path jfrPart = Files.writeString(dir.resolve("out.jfr.part"), "jfr chunk");
        RecorderException missing = assertThrows(RecorderException.class,
                () -> AsyncProfiler.join(jfrPart, AsyncProfiler.partOf(dir.resolve("out.jfr")), dir.resolve("out.jfr")));
        assertTrue(missing.getMessage().contains("async-profiler wrote no recording"), missing.getMessage());
        assertEquals("jfr chunk", Files.readString(dir.resolve("out.jfr")), "nothing recorded is lost");

        Files.writeString(jfrPart, "jfr chunk;");
        Files.writeString(AsyncProfiler.partOf(dir.resolve("b.jfr")), "async-profiler chunk");
        AsyncProfiler.join(jfrPart, AsyncProfiler.partOf(dir.resolve("b.jfr")), dir.resolve("b.jfr"));
        assertEquals("jfr chunk;async-profiler chunk", Files.readString(dir.resolve("b.jfr")));
        assertFalse(Files.exists(AsyncProfiler.partOf(dir.resolve("b.jfr"))));
        assertFalse(Files.exists(jfrPart));
    }

    /** Allocation events in a file async-profiler may still be writing: none until it is complete. */
    private static int allocations(Path file) {
        try {
            return events(file, "jdk.ObjectAllocationInNewTLAB").size();
        } catch (Exception incompleteOrMissing) {
            return 0;
        }
    }
}
