package dev.memprof.analysis;

import java.util.Arrays;

/**
 * Bytes allocated per {@link Timeline} bucket, for the allocation-rate chart. A JFR allocation sample's weight is
 * everything its thread allocated since that thread's previous sample, so summing weights at the sample's time
 * piles bytes into spikes; here each weight is spread over the time since the same thread's previous sample (a
 * thread's first sample, or one earlier than the thread's latest, stays in its own bucket). Shares are whole bytes
 * rounded down, the last bucket takes the rest: totals are exact, and sums do not depend on the order samples are
 * added in, so a chunk's samples can be spread on a reader thread (see {@code jfr.ChunkRate}).
 */
public final class AllocationRate {
    private final Timeline timeline;
    private final long[] bytes;
    private long[] lastSample = new long[64];
    /** The bucket of each thread's last sample. */
    private int[] lastBucket = new int[64];
    /** Samples earlier than their thread's latest: the state did not move. */
    private int backwards;

    AllocationRate(Timeline timeline) {
        this.timeline = timeline;
        this.bytes = new long[timeline.buckets()];
    }

    void add(int threadId, long epochNanos, long weight) {
        add(threadId, epochNanos, weight, timeline.bucket(epochNanos));
    }

    /** {@link #add(int, long, long)} with the bucket of {@code epochNanos} known. */
    void add(int threadId, long epochNanos, long weight, int bucket) {
        grow(threadId);
        long previous = lastSample[threadId];
        int previousBucket = lastBucket[threadId];
        if (epochNanos >= previous) {
            lastSample[threadId] = epochNanos;
            lastBucket[threadId] = bucket;
        } else {
            backwards++;
        }
        if (previous == 0 || previous >= epochNanos) bytes[bucket] += weight;
        else spread(bytes, previous, previousBucket, epochNanos, bucket, weight);
    }

    /**
     * Adds {@code weight} to {@code into}, shared over the buckets from {@code from} to {@code to} by time. Reads only
     * the timeline: safe on any thread.
     */
    public void spread(long[] into, long from, int fromBucket, long to, int toBucket, long weight) {
        long span = to - from, given = 0;
        for (int b = fromBucket; b < toBucket; b++) {
            long share = (long) ((double) weight * (timeline.bucketStart(b + 1) - from) / span);
            share = Math.max(given, Math.min(weight, share));
            into[b] += share - given;
            given = share;
        }
        into[toBucket] += weight - given;
    }

    /** Whether a sample at {@code epochNanos} would move its thread on (not earlier than its latest). */
    boolean inOrder(int threadId, long epochNanos) {
        return threadId >= lastSample.length || lastSample[threadId] <= epochNanos;
    }

    /** Takes bytes spread elsewhere with {@link #spread}. */
    void addSpread(long[] spreadBytes) {
        for (int b = 0; b < Math.min(bytes.length, spreadBytes.length); b++) bytes[b] += spreadBytes[b];
    }

    void moveTo(int threadId, long epochNanos, int bucket) {
        grow(threadId);
        if (epochNanos >= lastSample[threadId]) {
            lastSample[threadId] = epochNanos;
            lastBucket[threadId] = bucket;
        }
    }

    int backwards() {
        return backwards;
    }

    private void grow(int threadId) {
        if (threadId < lastSample.length) return;
        lastSample = Arrays.copyOf(lastSample, Math.max(threadId + 1, lastSample.length * 2));
        lastBucket = Arrays.copyOf(lastBucket, lastSample.length);
    }

    /** Bytes allocated in each bucket. */
    public long[] bytesByBucket() {
        return bytes.clone();
    }
}
