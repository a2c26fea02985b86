package dev.memprof.analysis.jfr;

/** A class: see {@code jdk.jfr.consumer.RecordedClass}. */
public interface JfrClass extends JfrObject {
    /** The binary name with dots, e.g. {@code java.lang.String} or {@code [B}. */
    String getName();
}
