package dev.memprof.analysis.jfr;

/** A stack frame: see {@code jdk.jfr.consumer.RecordedFrame}. */
public interface JfrFrame extends JfrObject {
    JfrMethod getMethod();

    int getLineNumber();

    int getBytecodeIndex();
}
