package dev.memprof.analysis.jfr;

import java.util.List;

/** A stack trace, leaf frame first: see {@code jdk.jfr.consumer.RecordedStackTrace}. */
public interface JfrStackTrace extends JfrObject {
    List<JfrFrame> getFrames();

    boolean isTruncated();
}
