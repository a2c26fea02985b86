package dev.memprof.analysis.jfr;

/** A stack frame: see {@code jdk.jfr.consumer.RecordedFrame}. */
public interface JfrFrame extends JfrObject {
    JfrMethod getMethod();

    int getLineNumber();

    int getBytecodeIndex();

    /** "Interpreted", "JIT compiled", "Native", ... (RecordedFrame: {@code getType()}, renamed: a method's getType() is its class). */
    String getFrameType();
}
