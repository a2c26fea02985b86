package dev.memprof.analysis;

/**
 * The recording cut into equal time buckets: per bucket the heap used after GC (the lowest and the
 * highest seen), heap committed, metaspace used, and the most heap used before a GC. Bounded by the
 * bucket count, whatever the recording's length. {@code -1} marks a bucket without a reading.
 */
public final class Timeline {
    public static final int BUCKETS = 200;
    private final long startNanos;
    private final long bucketNanos;
    private final BucketReadings heapAfterGcMin = new BucketReadings(BUCKETS), heapAfterGcMax = new BucketReadings(BUCKETS),
            heapCommitted = new BucketReadings(BUCKETS), metaspaceUsed = new BucketReadings(BUCKETS),
            heapBeforeGcMax = new BucketReadings(BUCKETS);
    private int gcCount;

    Timeline(long startEpochNanos, long durationNanos) {
        this.startNanos = startEpochNanos;
        this.bucketNanos = Math.max(1_000_000L, (durationNanos + BUCKETS - 1) / BUCKETS);
    }

    public long bucketNanos() { return bucketNanos; }
    public int buckets() { return BUCKETS; }

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
        heapAfterGcMin.lowest(b, used);
        heapAfterGcMax.highest(b, used);
        heapCommitted.highest(b, committed);
        gcCount++;
    }

    /** Per bucket: the lowest and the highest heap used after a GC, and the heap committed then. */
    public BucketReadings heapAfterGcMin() { return heapAfterGcMin; }
    public BucketReadings heapAfterGcMax() { return heapAfterGcMax; }
    public BucketReadings heapCommitted() { return heapCommitted; }
    public int gcCount() { return gcCount; }

    void heapBeforeGc(long epochNanos, long used) {
        heapBeforeGcMax.highest(bucket(epochNanos), used);
    }

    /** Per bucket: the most heap used before a GC. */
    public BucketReadings heapBeforeGcMax() { return heapBeforeGcMax; }

    void metaspace(long epochNanos, long used) {
        metaspaceUsed.highest(bucket(epochNanos), used);
    }

    /** Per bucket: the most metaspace used. */
    public BucketReadings metaspaceUsed() { return metaspaceUsed; }

    /** Lowest heap used after any GC, or -1 when no GC happened. */
    public long minHeapAfterGc() {
        return heapAfterGcMin.min();
    }

    public long maxHeapAfterGc() {
        return heapAfterGcMax.max();
    }

    /** The most heap used seen, before or after a GC, or -1. */
    public long peakHeapUsed() {
        return Math.max(heapBeforeGcMax.max(), maxHeapAfterGc());
    }
}
