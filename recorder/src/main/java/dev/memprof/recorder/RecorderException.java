package dev.memprof.recorder;

/** A recording could not be made; the message is one line a user can act on. */
public final class RecorderException extends RuntimeException {
    public RecorderException(String message) {
        super(message);
    }

    public RecorderException(String message, Throwable cause) {
        super(message, cause);
    }
}
