package dev.memprof.cli;

import dev.memprof.testsupport.TargetJdk;
import dev.memprof.testsupport.TargetJdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ps, run's exit code and default name, attach's messages, and the demo a new user runs first. */
class RecordCommandsIT {
    @TempDir
    Path dir;

    @TargetJdks
    void psListsARunningJvm(String jdk) throws Exception {
        Process sample = MemprofProcess.startSample(jdk, "30");
        try {
            var ps = memprof(dir, "ps");
            assertEquals(0, ps.exitCode(), ps.err());
            assertTrue(ps.out().startsWith("PID "), ps.out());
            String row = ps.out().lines().filter(line -> line.startsWith(sample.pid() + " ")).findFirst().orElseThrow();
            assertTrue(row.contains("dev.memprof.samples.AllocationSites 30") && row.contains(" " + jdk + ".")
                    && row.contains("MiB"), row);
        } finally {
            sample.destroyForcibly();
            sample.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @TargetJdks
    void runExitsWithTheAppsExitCode(String jdk) throws Exception {
        var run = memprof(dir, "run", "--", MemprofProcess.java(jdk), TargetJdk.C1_ONLY, "-cp", MemprofProcess.samplesClasses(),
                "dev.memprof.samples.ExitCode", "3");
        assertEquals(3, run.exitCode(), run.err());
        assertEquals("exiting with 3", run.out().strip(), "the app owns stdout");
        // the default name has memprof's pid, so a second run does not collide with the first
        String jfr = Path.of(run.err().lines().filter(l -> l.startsWith("recording: ")).findFirst().orElseThrow().substring(11))
                .getFileName().toString();
        assertTrue(jfr.matches("memprof-ExitCode-\\d+\\.jfr"), run.err());
        assertTrue(Files.size(dir.resolve(jfr)) > 0);
        assertFalse(Files.exists(dir.resolve(jfr + ".part")));
    }

    @Test
    void attachSaysWhatItDoes() throws Exception {
        Process sample = MemprofProcess.startSample("25", "30");
        try {
            var attach = memprof(dir, "attach", Long.toString(sample.pid()), "--duration", "1s");
            assertEquals(0, attach.exitCode(), attach.err());
            String jfr = "memprof-" + sample.pid() + ".jfr";
            assertTrue(attach.out().startsWith("recording pid " + sample.pid() + " (dev.memprof.samples.AllocationSites) for 1s"),
                    attach.out());
            assertTrue(attach.out().contains(dir.resolve(jfr).toString()), attach.out());
            assertEquals("", attach.err());
            assertTrue(Files.size(dir.resolve(jfr)) > 0);
            assertTrue(sample.isAlive());
        } finally {
            sample.destroyForcibly();
            sample.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTargetThatRefusesTheAgentIsRecordedAndMemprofSaysSoInOneLine() throws Exception {
        Process sample = new ProcessBuilder(MemprofProcess.java("25"), "-XX:-EnableDynamicAgentLoading", "-cp",
                MemprofProcess.samplesClasses(), "dev.memprof.samples.AllocationSites", "30").start();
        try {
            assertEquals("memprof-sample ready", new BufferedReader(new InputStreamReader(sample.getInputStream())).readLine());
            var attach = memprof(dir, "attach", Long.toString(sample.pid()), "--duration", "1s", "-o", "out.jfr");
            assertEquals(0, attach.exitCode(), attach.err());
            assertTrue(attach.err().startsWith("memprof attach: agent not loaded: ")
                    && attach.err().strip().endsWith("; frames are grouped by package and module only"), attach.err());
            assertEquals(1, attach.err().strip().lines().count(), attach.err());
            assertTrue(Files.size(dir.resolve("out.jfr")) > 0);
        } finally {
            sample.destroyForcibly();
            sample.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermToRunStopsTheAppAndWritesTheRecording() throws Exception {
        Process memprof = new ProcessBuilder(MemprofProcess.command(List.of(), "run",
                "-o", "run.jfr", "--", MemprofProcess.java("17"), TargetJdk.C1_ONLY, "-cp", MemprofProcess.samplesClasses(),
                "dev.memprof.samples.AllocationSites", "60")).directory(dir.toFile()).start();
        try {
            assertEquals("memprof-sample ready", new BufferedReader(new InputStreamReader(memprof.getInputStream())).readLine());
            List<ProcessHandle> app = memprof.children().toList();
            memprof.destroy(); // SIGTERM
            assertTrue(memprof.waitFor(30, TimeUnit.SECONDS));
            assertTrue(app.stream().noneMatch(ProcessHandle::isAlive), "the app is stopped too");
            assertTrue(Files.size(dir.resolve("run.jfr")) > 0);
            assertFalse(Files.exists(dir.resolve("run.jfr.part")));
        } finally {
            memprof.descendants().forEach(ProcessHandle::destroyForcibly);
            memprof.destroyForcibly();
        }
    }

    @Test
    void sigtermToAttachStopsTheRecordingAndLeavesTheTargetRunning() throws Exception {
        Process sample = MemprofProcess.startSample("17", "60");
        Process memprof = new ProcessBuilder(MemprofProcess.command(List.of(), "attach",
                Long.toString(sample.pid()), "-o", "attach.jfr")).directory(dir.toFile()).start();
        try {
            String started = new BufferedReader(new InputStreamReader(memprof.getInputStream())).readLine();
            assertTrue(started.startsWith("recording pid " + sample.pid()) && started.endsWith("press Ctrl-C to stop"), started);
            memprof.destroy(); // SIGTERM
            assertTrue(memprof.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Files.size(dir.resolve("attach.jfr")) > 0);
            assertTrue(sample.isAlive());
            assertFalse(MemprofProcess.run(dir, List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(sample.pid()), "JFR.check"), 30).out().contains("memprof"));
        } finally {
            memprof.destroyForcibly();
            sample.destroyForcibly();
            sample.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void demoJustWorks() throws Exception {
        for (int i = 0; i < 2; i++) { // the second run replaces the demo's own outputs
            var demo = memprof(dir, "demo");
            assertEquals(0, demo.exitCode(), demo.err());
            assertTrue(demo.out().contains("at dev.memprof.samples.AllocationSites.allocateLargeArrays"), demo.out());
            assertTrue(demo.out().strip().endsWith(dir.resolve("memprof-demo.html").toString()), demo.out());
            assertTrue(Files.size(dir.resolve("memprof-demo.jfr")) > 0);
            assertTrue(Files.readString(dir.resolve("memprof-demo.html")).contains("allocateLargeArrays"));
        }
    }
}
