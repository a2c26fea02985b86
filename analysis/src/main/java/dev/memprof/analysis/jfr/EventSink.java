package dev.memprof.analysis.jfr;

/**
 * What a reader of recordings feeds: {@code RecordingEvents} implements it, and both the JDK's parser
 * (the reference) and {@link JfrFile} drive it, so one piece of code decides what each event means.
 */
public interface EventSink {
    /**
     * Whether events of this type go to {@link #accept}; {@link JfrFile} skips the others unread.
     * {@code hasSettings}: whether the type has settings (the JDK's do, async-profiler's do not).
     */
    boolean wants(String eventType, boolean hasSettings);

    void accept(JfrEvent event);

    /**
     * The timeline's bucket of an event time (the allocation table's), for allocations summed before they reach
     * {@link #allocations}; -1 for a time outside the sink's window.
     */
    int bucket(long epochNanos);

    /** The startup evidence's bucket of an event time (finer than the timeline's), for {@link #evidenceAllocations}. */
    int evidenceBucket(long epochNanos);

    /**
     * The times around {@code epochNanos} with the same {@link #bucket} and {@link #evidenceBucket}: {@code [from, to)}
     * in {@code range}, so that a reader computes them once for a run of samples (they divide). Thread-safe.
     */
    void sameBuckets(long epochNanos, long[] range);

    /**
     * {@code samples} {@code jdk.ObjectAllocationSample} events of the same class, thread, stack and bucket,
     * {@code bytes} their summed weight. A thread's first sample in a chunk is not among them: it goes to
     * {@link #accept} on its own. The first of these samples came where this call is.
     */
    void allocations(JfrClass objectClass, JfrThread thread, JfrStackTrace stack, int bucket, long bytes, long samples);

    /**
     * The same samples summed by stack and {@link #evidenceBucket} instead, after {@link #allocations} has named their
     * stack; the sink only sums these, so they may come later than their first sample.
     */
    void evidenceAllocations(JfrStackTrace stack, int evidenceBucket, long bytes, long samples);

    /**
     * Adds {@code weight} bytes to {@code into} by timeline bucket, spread over the time from {@code from} to {@code to} as the
     * allocation rate spreads them. Called on reader threads: reads only what does not change.
     */
    void spread(long[] into, long from, int fromBucket, long to, int toBucket, long weight);

    /** The chunk's allocation rate, after its other calls. */
    void allocationRate(ChunkRate rate);

    /** A chunk was read; views of its values must not be kept past this call. */
    void endChunk();
}
