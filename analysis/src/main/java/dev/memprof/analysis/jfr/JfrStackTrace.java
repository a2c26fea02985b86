package dev.memprof.analysis.jfr;

import java.util.List;

/** A stack trace, leaf frame first: see {@code jdk.jfr.consumer.RecordedStackTrace}. */
public interface JfrStackTrace extends JfrObject {
    List<JfrFrame> getFrames();

    boolean isTruncated();

    /**
     * Each frame's method and frame type as the chunk's constant-pool keys, two longs a frame, leaf first; or null
     * when the reader has none (the JDK's hides them). Within one chunk, equal keys are the same method and type: a
     * sink that meets a chunk's stacks once each can look its frames up by key, without reading them as objects.
     */
    default long[] frameKeys() {
        return null;
    }
}
