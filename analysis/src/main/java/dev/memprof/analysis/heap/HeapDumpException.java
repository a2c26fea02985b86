package dev.memprof.analysis.heap;

/** A heap dump that cannot be read: truncated, damaged or not HPROF. The message is one line for the user. */
public final class HeapDumpException extends RuntimeException {
    public HeapDumpException(String message) {
        super(message);
    }
}
