package dev.memprof.cli;

/** A failure the user can act on: printed as one line, {@code memprof <command>: <message>}, no stack trace. */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(String message) {
        this(message, ExitCode.USAGE, null);
    }

    public UserError(String message, Throwable cause) {
        this(message, ExitCode.USAGE, cause);
    }

    public UserError(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
