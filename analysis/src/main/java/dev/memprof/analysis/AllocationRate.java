package dev.memprof.analysis;

import java.util.Arrays;

/**
 * Bytes allocated per {@link Timeline} bucket, for the allocation-rate chart. A JFR allocation sample's weight is
 * everything its thread allocated since that thread's previous sample, so summing weights at the sample's time
 * piles bytes into spikes; here each weight is spread evenly over the time since the same thread's previous
 * sample (a thread's first sample stays in its own bucket). Totals are unchanged.
 */
public final class AllocationRate {
    private final Timeline timeline;
    private final double[] bytes;
    private long[] lastSample = new long[64];
    /** The bucket of each thread's last sample. */
    private int[] lastBucket = new int[64];

    AllocationRate(Timeline timeline) {
        this.timeline = timeline;
        this.bytes = new double[timeline.buckets()];
    }

    void add(int threadId, long epochNanos, long weight) {
        add(threadId, epochNanos, weight, timeline.bucket(epochNanos));
    }

    /** {@link #add(int, long, long)} with the bucket of {@code epochNanos} known: the same sums, fewer divisions. */
    void add(int threadId, long epochNanos, long weight, int last) {
        if (threadId >= lastSample.length) {
            int old = lastSample.length;
            lastSample = Arrays.copyOf(lastSample, Math.max(threadId + 1, old * 2));
            lastBucket = Arrays.copyOf(lastBucket, lastSample.length);
            Arrays.fill(lastSample, old, lastSample.length, 0);
        }
        long previous = lastSample[threadId];
        int previousBucket = lastBucket[threadId];
        if (epochNanos >= previous) {
            lastSample[threadId] = epochNanos;
            lastBucket[threadId] = last;
        }
        if (previous == 0 || previous >= epochNanos) {
            bytes[last] += weight;
            return;
        }
        double perNano = (double) weight / (epochNanos - previous);
        long bucketNanos = timeline.bucketNanos();
        for (int b = previousBucket; b <= last; b++) {
            long bucketStart = timeline.bucketStart(b), bucketEnd = bucketStart + bucketNanos;
            long from = b == previousBucket ? previous : bucketStart;
            long to = b == last ? epochNanos : bucketEnd;
            bytes[b] += perNano * Math.max(0, to - from);
        }
    }

    /** Bytes allocated in each bucket. */
    public long[] bytesByBucket() {
        long[] rounded = new long[bytes.length];
        for (int b = 0; b < bytes.length; b++) rounded[b] = Math.round(bytes[b]);
        return rounded;
    }
}
