package dev.memprof.analysis;

import java.util.Arrays;

/**
 * The recording cut into equal time buckets: per bucket the heap used after GC (the lowest and the
 * highest seen), heap committed, metaspace used, and the most heap used before a GC. Bounded by the
 * bucket count, whatever the recording's length. {@code -1} marks a bucket without a reading.
 */
public final class Timeline {
    public static final int BUCKETS = 200;
    private final long startNanos;
    private final long bucketNanos;
    private final long[] heapAfterGcMin = filled(), heapAfterGcMax = filled(), heapCommitted = filled(),
            metaspaceUsed = filled(), heapBeforeGcMax = filled();
    private int gcCount;

    Timeline(long startEpochNanos, long durationNanos) {
        this.startNanos = startEpochNanos;
        this.bucketNanos = Math.max(1_000_000L, (durationNanos + BUCKETS - 1) / BUCKETS);
    }

    private static long[] filled() {
        long[] a = new long[BUCKETS];
        Arrays.fill(a, -1);
        return a;
    }

    /** The bucket of an event time; times outside the recording (clock skew) go to the nearest end. */
    public int bucket(long epochNanos) {
        long b = (epochNanos - startNanos) / bucketNanos;
        return (int) Math.max(0, Math.min(BUCKETS - 1, b));
    }

    /** When bucket {@code b} begins, nanoseconds since the epoch. */
    public long bucketStart(int b) {
        return startNanos + b * bucketNanos;
    }

    void heapAfterGc(long epochNanos, long used, long committed) {
        int b = bucket(epochNanos);
        heapAfterGcMin[b] = heapAfterGcMin[b] < 0 ? used : Math.min(heapAfterGcMin[b], used);
        heapAfterGcMax[b] = Math.max(heapAfterGcMax[b], used);
        heapCommitted[b] = Math.max(heapCommitted[b], committed);
        gcCount++;
    }

    void heapBeforeGc(long epochNanos, long used) {
        int b = bucket(epochNanos);
        heapBeforeGcMax[b] = Math.max(heapBeforeGcMax[b], used);
    }

    void metaspace(long epochNanos, long used) {
        int b = bucket(epochNanos);
        metaspaceUsed[b] = Math.max(metaspaceUsed[b], used);
    }

    public long bucketNanos() { return bucketNanos; }
    public int buckets() { return BUCKETS; }
    public int gcCount() { return gcCount; }
    public long heapAfterGcMin(int b) { return heapAfterGcMin[b]; }
    public long heapAfterGcMax(int b) { return heapAfterGcMax[b]; }
    public long heapCommitted(int b) { return heapCommitted[b]; }
    public long metaspaceUsed(int b) { return metaspaceUsed[b]; }
    public long heapBeforeGcMax(int b) { return heapBeforeGcMax[b]; }

    /** Lowest heap used after any GC, or -1 when no GC happened. */
    public long minHeapAfterGc() {
        return Arrays.stream(heapAfterGcMin).filter(v -> v >= 0).min().orElse(-1);
    }

    public long maxHeapAfterGc() {
        return Arrays.stream(heapAfterGcMax).max().orElse(-1);
    }

    /** The most heap used seen, before or after a GC, or -1. */
    public long peakHeapUsed() {
        return Math.max(Arrays.stream(heapBeforeGcMax).max().orElse(-1), maxHeapAfterGc());
    }
}
