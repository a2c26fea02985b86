package dev.memprof.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to {@code memprof report}: one line on stderr naming the problem, exit code 2, no stack trace. */
class ReportErrorsIT {
    @TempDir
    Path dir;

    @Test
    void missingFile() throws Exception {
        assertOneLineError(memprof(dir, "report", "missing.jfr"), "no such file");
    }

    @Test
    void fileThatIsNotJfr() throws Exception {
        Files.writeString(dir.resolve("notes.jfr"), "not a recording at all\n");
        assertOneLineError(memprof(dir, "report", "notes.jfr"), "not a JFR recording");
    }

    @Test
    void emptyFileAndDirectory() throws Exception {
        Files.createFile(dir.resolve("empty.jfr"));
        assertOneLineError(memprof(dir, "report", "empty.jfr"), "empty");
        assertOneLineError(memprof(dir, "report", dir.toString()), "directory");
    }

    @Test
    void unknownFormatIsAUsageError() throws Exception {
        assertOneLineError(memprof(dir, "report", "x.jfr", "--format", "pdf"), "pdf");
    }

    static void assertOneLineError(MemprofProcess.Result result, String expected) {
        assertEquals(2, result.exitCode(), result.err());
        String err = result.err().strip();
        assertTrue(err.startsWith("memprof report: ") && err.contains(expected), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
    }
}
