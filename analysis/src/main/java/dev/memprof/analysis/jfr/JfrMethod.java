package dev.memprof.analysis.jfr;

/** A method: see {@code jdk.jfr.consumer.RecordedMethod}. */
public interface JfrMethod extends JfrObject {
    JfrClass getType();

    String getName();

    String getDescriptor();
}
