package dev.memprof.cli;

import dev.memprof.analysis.RecordingException;
import dev.memprof.recorder.RecorderException;
import dev.memprof.report.Units;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

/**
 * memprof's exit codes, and the one place that turns a failure into a line for the user and a code. Commands throw
 * {@link UserError}, or let the recorder's and the reader's exceptions through: their messages are written for users.
 */
final class ExitCode {
    static final int OK = 0, NO = 1, USAGE = 2;
    /** {@code memprof run}'s own failures: its other exit codes are the app's (as {@code docker run}'s 125). */
    static final int RUN_FAILED = 125;

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
        return own(command, ex instanceof UserError userError ? userError.exitCode() : USAGE);
    }

    /** A mistake on the command line: one line, with picocli's suggestions ("did you mean --force?"). */
    static int usage(CommandLine.ParameterException ex, PrintWriter err) {
        String command = ex.getCommandLine().getCommandSpec().qualifiedName(" ");
        List<String> suggestions = ex instanceof CommandLine.UnmatchedArgumentException unmatched ? unmatched.getSuggestions() : List.of();
        err.println(command + ": " + Units.printable(ex.getMessage())
                + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?")
                + " (see --help)");
        return own(command, USAGE);
    }

    /** memprof's own failure code: {@code run} passes the app's codes through, so its own failures are 125 there. */
    private static int own(String command, int code) {
        return command.equals("memprof run") && code == USAGE ? RUN_FAILED : code;
    }

    /** The message of a failure the user can act on, or null for one that is memprof's own (a bug). */
    private static String userMessage(Exception ex) {
        if (ex instanceof UserError || ex instanceof RecorderException || ex instanceof RecordingException) return ex.getMessage();
        return null;
    }
}
