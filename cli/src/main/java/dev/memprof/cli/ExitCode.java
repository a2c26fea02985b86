package dev.memprof.cli;

import dev.memprof.analysis.RecordingException;
import dev.memprof.recorder.RecorderException;
import dev.memprof.report.Units;

import java.io.PrintWriter;

/**
 * memprof's exit codes, and the one place that turns a failure into a line for the user and a code. Commands throw
 * {@link UserError}, or let the recorder's and the reader's exceptions through: their messages are written for users.
 */
final class ExitCode {
    static final int OK = 0, NO = 1, USAGE = 2;

    private ExitCode() {}

    /** Prints {@code ex} as {@code <command>: <message>} (a stack trace only when {@code verbose}); returns the exit code. */
    static int report(Exception ex, String command, boolean verbose, PrintWriter err) {
        String message = userMessage(ex);
        if (message != null) {
            err.println(command + ": " + Units.printable(message)); // may quote a target's names
        } else {
            err.println(command + ": " + ex + (verbose ? "" : " (run with --verbose for details)"));
        }
        if (verbose) ex.printStackTrace(err);
        return ex instanceof UserError userError ? userError.exitCode() : USAGE;
    }

    /** The message of a failure the user can act on, or null for one that is memprof's own (a bug). */
    private static String userMessage(Exception ex) {
        if (ex instanceof UserError || ex instanceof RecorderException || ex instanceof RecordingException) return ex.getMessage();
        return null;
    }
}
