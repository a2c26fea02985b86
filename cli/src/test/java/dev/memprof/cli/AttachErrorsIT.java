package dev.memprof.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What goes wrong around recording (ps, attach, run, demo): one line on stderr, exit code 2, no stack trace. */
class AttachErrorsIT {
    @TempDir
    Path dir;

    @Test
    void pidThatDoesNotExist() throws Exception {
        assertOneLineError(memprof(dir, "attach", "99999999"), "attach", "no process with pid 99999999");
    }

    @Test
    void pidThatIsNotAJvmIsLeftAlone() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            assertOneLineError(memprof(dir, "attach", Long.toString(sleep.pid())), "attach", "(sleep) is not a JVM");
            assertTrue(sleep.isAlive(), "memprof must not signal a process that is not a JVM");
            // root may read every process: pid 1 is surely no JVM, not merely none "of this user"
            assertOneLineError(memprof(dir, "attach", "1"), "attach",
                    System.getProperty("user.name").equals("root") ? "is not a JVM; `memprof ps` lists the JVMs" : "pid 1");
        } finally {
            sleep.destroyForcibly();
            sleep.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void nameThatMatchesNoJvm() throws Exception {
        assertOneLineError(memprof(dir, "attach", "NoSuchMainClassAnywhere"), "attach", "no JVM matches");
    }

    @Test
    void outputsAreCheckedBeforeAttaching() throws Exception {
        Process sample = MemprofProcess.startSample("17", "30");
        try {
            String pid = Long.toString(sample.pid());
            assertOneLineError(memprof(dir, "attach", pid, "-o", "missing/out.jfr"), "attach", "does not exist");
            Files.writeString(dir.resolve("memprof-" + pid + ".jfr"), "earlier");
            assertOneLineError(memprof(dir, "attach", pid, "--duration", "1s"), "attach", "--force");
            assertEquals("earlier", Files.readString(dir.resolve("memprof-" + pid + ".jfr")));
            assertOneLineError(memprof(dir, "attach", pid, "--duration", "soon"), "attach", "not a duration");
            assertTrue(sample.isAlive());
            // nothing was started in the target by any of these
            assertFalse(MemprofProcess.run(dir, List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    pid, "JFR.check"), 30).out().contains("memprof"));
        } finally {
            sample.destroyForcibly();
            sample.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void runNeedsAJavaCommandAndAnOutputFolder() throws Exception {
        // run's own failures exit 125: its other codes are the app's
        assertOneLineError(memprof(dir, "run", "--", "mvn", "-v"), "run", "expected a java command", ExitCode.RUN_FAILED);
        assertOneLineError(memprof(dir, "run", "-o", "missing/out.jfr", "--", MemprofProcess.java("17"), "-version"),
                "run", "does not exist", ExitCode.RUN_FAILED);
        Files.writeString(dir.resolve("earlier.jfr"), "earlier");
        assertOneLineError(memprof(dir, "run", "-o", "earlier.jfr", "--", MemprofProcess.java("17"), "-cp", ".", "com.example.Main"),
                "run", "--force", ExitCode.RUN_FAILED);
        assertOneLineError(memprof(dir, "run", "--forse", "--", MemprofProcess.java("17"), "-version"), "run",
                "did you mean --force?", ExitCode.RUN_FAILED);
    }

    @Test
    void helpAndVersion() throws Exception {
        var help = memprof(dir, "--help");
        assertEquals(0, help.exitCode(), help.err());
        for (String command : List.of("ps", "attach", "run", "report", "demo")) assertTrue(help.out().contains(command), help.out());
        var version = memprof(dir, "--version");
        assertEquals(0, version.exitCode(), version.err());
        assertTrue(version.out().startsWith("memprof "), version.out());
        var attachHelp = memprof(dir, "attach", "--help");
        assertEquals(0, attachHelp.exitCode());
        assertTrue(attachHelp.out().contains("--duration") && attachHelp.out().contains("--force"), attachHelp.out());
    }

    static void assertOneLineError(MemprofProcess.Result result, String command, String expected) {
        assertOneLineError(result, command, expected, ExitCode.USAGE);
    }

    static void assertOneLineError(MemprofProcess.Result result, String command, String expected, int exitCode) {
        assertEquals(exitCode, result.exitCode(), result.err());
        String err = result.err().strip();
        assertTrue(err.startsWith("memprof " + command + ": ") && err.contains(expected), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
    }
}
