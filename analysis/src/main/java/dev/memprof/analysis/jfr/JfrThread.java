package dev.memprof.analysis.jfr;

/** A thread: see {@code jdk.jfr.consumer.RecordedThread}. */
public interface JfrThread extends JfrObject {
    String getJavaName();

    String getOSName();

    long getJavaThreadId();
}
