package dev.memprof.analysis;

/** A recording that cannot be read at all; the message names the file and the problem in one line. */
public final class RecordingException extends Exception {
    public RecordingException(String message) {
        super(message);
    }

    public RecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
