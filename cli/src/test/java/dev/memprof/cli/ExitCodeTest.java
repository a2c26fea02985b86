package dev.memprof.cli;

import dev.memprof.analysis.RecordingException;
import dev.memprof.recorder.RecorderException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One place turns failures into a line and an exit code: users' errors plainly, memprof's own bugs with a hint. */
class ExitCodeTest {
    private static String[] report(Exception ex) {
        StringWriter err = new StringWriter();
        int code = ExitCode.report(ex, "memprof x", false, new PrintWriter(err, true));
        return new String[]{Integer.toString(code), err.toString()};
    }

    @Test
    void usersErrorsAreOneLine() {
        assertEquals("2", report(new UserError("bad"))[0]);
        assertEquals("memprof x: bad\n", report(new UserError("bad"))[1]);
        assertEquals("7", report(new UserError("the app failed", 7, null))[0]);
        assertEquals("memprof x: pid 1 refused the attach\n", report(new RecorderException("pid 1 refused the attach"))[1]);
        assertEquals("memprof x: a.jfr is not a recording\n", report(new RecordingException("a.jfr is not a recording"))[1]);
        assertEquals("2", report(new RecordingException("a.jfr is not a recording"))[0]);
        assertEquals("memprof x: thread ?[31m\n", report(new RecorderException("thread \u001b[31m"))[1]);
    }

    @Test
    void otherFailuresAreBugsAndSayHowToSeeMore() {
        assertEquals("memprof x: java.lang.IllegalStateException: oops (run with --verbose for details)\n",
                report(new IllegalStateException("oops"))[1]);
        assertEquals("2", report(new IllegalStateException("oops"))[0]);
    }
}
