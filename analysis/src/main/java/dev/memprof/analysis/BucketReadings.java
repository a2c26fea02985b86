package dev.memprof.analysis;

import java.util.Arrays;

/** One of {@link Timeline}'s readings (heap used after GC, metaspace used...): a value per bucket, -1 where none. */
public final class BucketReadings {
    private final long[] values;

    BucketReadings(int buckets) {
        values = new long[buckets];
        Arrays.fill(values, -1);
    }

    /** Keeps the highest reading of bucket {@code b}. */
    void highest(int b, long reading) {
        values[b] = Math.max(values[b], reading);
    }

    /** Keeps the lowest reading of bucket {@code b}. */
    void lowest(int b, long reading) {
        values[b] = values[b] < 0 ? reading : Math.min(values[b], reading);
    }

    /** Bucket {@code b}'s reading, or -1. */
    public long get(int b) {
        return values[b];
    }

    /** The highest reading of any bucket, or -1. */
    public long max() {
        return Arrays.stream(values).max().orElse(-1);
    }

    /** The lowest reading of any bucket, or -1. */
    public long min() {
        return Arrays.stream(values).filter(v -> v >= 0).min().orElse(-1);
    }
}
