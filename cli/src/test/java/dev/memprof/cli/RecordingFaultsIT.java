package dev.memprof.cli;

import dev.memprof.testsupport.TargetJdk;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.ProfileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults around attach and run, as a user meets them: targets that refuse or belong to someone else, a target
 * that exits, memprof stopped by Ctrl-C or killed. Nothing recorded is lost, and no recording is left running.
 */
class RecordingFaultsIT {
    static final String SITES = "dev.memprof.samples.AllocationSites";

    @TempDir
    Path dir;

    @Test
    void aTargetStartedWithDisableAttachMechanismIsOneLine() throws Exception {
        Process target = start(List.of(), List.of("-XX:+DisableAttachMechanism"), "30");
        try {
            AttachErrorsIT.assertOneLineError(memprof(dir, "attach", Long.toString(target.pid()), "--duration", "1s"),
                    "attach", "pid " + target.pid() + " was started with -XX:+DisableAttachMechanism");
            assertTrue(target.isAlive());
        } finally {
            stop(target);
        }
    }

    /** root (as with sudo) records a JVM of another user: that JVM cannot write into root's folder, so memprof gives it one. */
    @Test
    void rootRecordsAnotherUsersJvm() throws Exception {
        assumeRoot();
        Process target = start(MemprofProcess.AS_NOBODY, List.of(), "30");
        try {
            var attach = memprof(dir, "attach", Long.toString(target.pid()), "--duration", "1s", "-o", "nobody.jfr");
            assertEquals(0, attach.exitCode(), attach.err());
            assertEquals("root", Files.getOwner(dir.resolve("nobody.jfr")).getName(), "the recording is root's, like its folder");
            Profile profile = ProfileReader.read(dir.resolve("nobody.jfr"));
            assertTrue(profile.allocations().totalSamples() > 0);
            assertTrue(profile.info().codeSources(), "the agent ran in the target");
            Path agentFolder = PlantedFilesIT.agentLocations(dir.resolve("nobody.jfr")).iterator().next().getParent();
            assertFalse(Files.exists(agentFolder), agentFolder + ", the target's folder, is removed");
            assertNoMemprofRecording(target);
            assertTrue(target.isAlive());
        } finally {
            stop(target);
        }
    }

    @Test
    void aUserCannotRecordAnotherUsersJvm() throws Exception {
        assumeRoot();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process target = start(List.of(), List.of(), "30");
        try {
            var attach = MemprofProcess.memprof(dir, MemprofProcess.AS_NOBODY, List.of("-XX:-UsePerfData"),
                    "attach", Long.toString(target.pid()), "--duration", "1s");
            AttachErrorsIT.assertOneLineError(attach, "attach", "pid " + target.pid()
                    + " runs as user root, memprof as nobody: run memprof as root, e.g. sudo memprof attach " + target.pid());
            assertNoMemprofRecording(target);
        } finally {
            stop(target);
        }
    }

    /** The target ends (here by SIGTERM, once memprof records it) before memprof stops: its JFR writes the file at exit. */
    @Test
    void theTargetExitingDuringTheRecordingKeepsWhatWasRecorded() throws Exception {
        try (Attached attached = attached("exited.jfr")) {
            Process target = attached.target(), memprof = attached.memprof();
            Thread.sleep(1000);
            target.destroy();
            assertTrue(memprof.waitFor(60, TimeUnit.SECONDS));
            String out = Files.readString(dir.resolve("exited.jfr.log"));
            assertEquals(0, memprof.exitValue(), out);
            assertTrue(out.contains("pid " + target.pid() + " exited; recorded until its exit"), out);
            assertTrue(ProfileReader.read(dir.resolve("exited.jfr")).allocations().totalSamples() > 0);
        }
    }

    /** Ctrl-C (SIGINT) to memprof attach: the recording is stopped in the target and written. */
    @Test
    void ctrlCToAttachWritesTheRecordingAndLeavesNone() throws Exception {
        try (Attached attached = attached("interrupted.jfr")) {
            Process target = attached.target(), memprof = attached.memprof();
            Thread.sleep(1000);
            signal(memprof, "INT");
            assertTrue(memprof.waitFor(30, TimeUnit.SECONDS));
            assertTrue(ProfileReader.read(dir.resolve("interrupted.jfr")).allocations().totalSamples() > 0);
            assertFalse(Files.exists(dir.resolve("interrupted.jfr.part")));
            assertTrue(target.isAlive());
            assertNoMemprofRecording(target);
        }
    }

    /**
     * memprof killed (SIGKILL) cannot stop its recording: the safety net, the requested duration plus 10 s, ends it
     * in the target, which writes what it recorded to the .part file.
     */
    @Test
    void aKilledMemprofLeavesNoRecordingRunningPastTheSafetyNet() throws Exception {
        try (Attached attached = attached("killed.jfr", "--duration", "2s")) {
            Process target = attached.target(), memprof = attached.memprof();
            long started = System.nanoTime();
            signal(memprof, "KILL");
            assertTrue(memprof.waitFor(10, TimeUnit.SECONDS));
            assertTrue(jfrCheck(target).contains("name=memprof-" + memprof.pid()), "the recording runs on without memprof");
            while (jfrCheck(target).contains("memprof") && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(40)) {
                Thread.sleep(500);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertNoMemprofRecording(target);
            System.out.println("the safety net ended the recording " + seconds + " s after memprof was killed");
            assertTrue(ProfileReader.read(dir.resolve("killed.jfr.part")).allocations().totalSamples() > 0, "nothing lost");
            assertTrue(target.isAlive());
        }
    }

    /** Ctrl-C in a terminal signals memprof run and its child alike: the child stops, the recording is written. */
    @Test
    void ctrlCToRunStopsTheAppAndWritesTheRecording() throws Exception {
        List<String> command = new ArrayList<>(MemprofProcess.SIGINT_DEFAULT);
        command.addAll(MemprofProcess.command(List.of(), "run",
                "-o", "run.jfr", "--", MemprofProcess.java("17"), TargetJdk.C1_ONLY, "-cp", MemprofProcess.samplesClasses(), SITES, "60"));
        Process memprof = new ProcessBuilder(command).directory(dir.toFile()).start();
        try {
            assertEquals("memprof-sample ready", new BufferedReader(new InputStreamReader(memprof.getInputStream())).readLine());
            List<ProcessHandle> app = memprof.children().toList();
            Thread.sleep(500);
            signal(memprof, "INT");
            for (ProcessHandle child : app) signal(child.pid(), "INT");
            assertTrue(memprof.waitFor(30, TimeUnit.SECONDS));
            assertTrue(app.stream().noneMatch(ProcessHandle::isAlive), "the app is stopped too");
            assertTrue(ProfileReader.read(dir.resolve("run.jfr")).allocations().totalSamples() > 0);
            assertFalse(Files.exists(dir.resolve("run.jfr.part")));
            assertEquals(130, memprof.exitValue(), "the app's exit code: killed by SIGINT");
        } finally {
            memprof.descendants().forEach(ProcessHandle::destroyForcibly);
            memprof.destroyForcibly();
        }
    }

    /** A target JVM and memprof attach recording it; closing kills memprof and stops the target. */
    private record Attached(Process target, Process memprof) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            memprof.destroyForcibly();
            stop(target);
        }
    }

    /** A target allocating for 60 s, and memprof attach recording it into {@code output} (see {@link #memprofAttach}). */
    private Attached attached(String output, String... options) throws Exception {
        Process target = start(List.of(), List.of(), "60");
        return new Attached(target, memprofAttach(target, output, options));
    }

    /** Starts memprof attach, its output to {@code <output>.log}, and waits until it says it is recording. */
    private Process memprofAttach(Process target, String output, String... options) throws Exception {
        List<String> command = new ArrayList<>(MemprofProcess.SIGINT_DEFAULT);
        command.addAll(MemprofProcess.command(List.of(), "attach", Long.toString(target.pid()), "-o", output));
        command.addAll(List.of(options));
        Path log = dir.resolve(output + ".log");
        Process memprof = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).startsWith("recording pid " + target.pid())) {
            if (!memprof.isAlive() || System.nanoTime() > deadline) {
                memprof.destroyForcibly();
                throw new AssertionError("memprof attach did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return memprof;
    }

    /** Starts the allocation sample (after {@code prefix}, e.g. as another user) and waits until it is ready. */
    private static Process start(List<String> prefix, List<String> jvmOptions, String seconds) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.add(MemprofProcess.java("17"));
        command.add(TargetJdk.C1_ONLY);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", MemprofProcess.samplesClasses(), SITES, seconds));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"memprof-sample ready".equals(line)) {
            stop(process);
            throw new AssertionError("sample did not start: " + line);
        }
        return process;
    }

    /** SIGTERM first, so the JVM removes its hsperfdata; then for sure. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private static void signal(Process process, String signal) throws Exception {
        signal(process.pid(), signal);
    }

    private static void signal(long pid, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor());
    }

    private String jfrCheck(Process target) throws Exception {
        return MemprofProcess.run(dir, List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(target.pid()), "JFR.check"), 30).out();
    }

    private void assertNoMemprofRecording(Process target) throws Exception {
        String check = jfrCheck(target);
        assertFalse(check.contains("memprof"), check);
    }

    private static void assumeRoot() {
        assumeTrue(System.getProperty("user.name").equals("root") && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs root and setpriv, to run a JVM as another user");
    }
}
