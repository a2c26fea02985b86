package dev.memprof.analysis.jfr;

import java.util.Arrays;

/**
 * A chunk's allocation samples spread over time for the allocation rate, on the reader thread that scans the chunk.
 * A sample's bytes are spread over the time since its thread's previous sample; within the chunk that is known, so
 * the worker spreads every sample but each thread's first in the chunk (its head, whose previous sample is in an
 * earlier chunk). The sink adds the heads in order, then these sums. That is exact when each head is not earlier
 * than its thread's latest sample so far, as in any recording the JVM wrote; otherwise (chunks out of order)
 * the sink feeds the samples one by one with {@link #replaySamples}.
 */
public final class ChunkRate {
    /** One sample, for {@link #replaySamples}: {@code thread} indexes {@link #threads}. */
    public interface Sample {
        void add(int thread, long epochNanos, int bucket, long weight);
    }

    /** Called back, for {@link #replaySamples}, with each sample after its thread's first in the chunk. */
    interface Replay {
        void samples(Sample sample);
    }

    /** A thread's latest tick when it has had no sample in the window yet. */
    private static final long NOT_IN_WINDOW = Long.MIN_VALUE;
    /** A thread's head bucket when it has no head for the sink to add. */
    private static final int NO_HEAD = -1;
    JfrThread[] threads = new JfrThread[0];
    private Chunk chunk;
    private int count;
    /**
     * Per thread: its head (when it is not its first sample in the chunk, which the sink has; else its bucket is
     * {@link #NO_HEAD}), its latest sample, in ticks: a time only when needed (a spread across buckets, the sums'
     * ends), as ticks order samples as times do.
     */
    private long[] headNanos = new long[16], headWeight = new long[16], lastTicks = new long[16];
    private int[] headBucket = noHeads(16), lastBucket = new int[16];
    private long[] bytes = new long[256];
    private Replay replay;

    void clear(Chunk chunk) {
        this.chunk = chunk;
        Arrays.fill(bytes, 0);
        count = 0;
    }

    /** A thread's first sample in the chunk: the sink adds it itself ({@code bucket} -1 outside the window). */
    void first(int thread, long ticks, int bucket) {
        grow(thread);
        headBucket[thread] = NO_HEAD;
        lastTicks[thread] = bucket < 0 ? NOT_IN_WINDOW : ticks;
        lastBucket[thread] = bucket;
    }

    /** A later sample in the window: the same steps as {@code AllocationRate.add}, which the sink takes for heads. */
    void add(int thread, long ticks, int bucket, long weight, EventSink sink) {
        if (bucket >= bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bucket + 1, bytes.length * 2));
        long previous = lastTicks[thread];
        if (previous == NOT_IN_WINDOW) { // the thread's first sample in the window: the sink adds it, with the time before
            headNanos[thread] = chunk.nanos(ticks);
            headBucket[thread] = bucket;
            headWeight[thread] = weight;
            lastTicks[thread] = ticks;
            lastBucket[thread] = bucket;
            return;
        }
        int previousBucket = lastBucket[thread];
        if (ticks >= previous) {
            lastTicks[thread] = ticks;
            lastBucket[thread] = bucket;
        }
        // the same bucket when the times are equal, so ticks decide as times would
        if (previous >= ticks || previousBucket == bucket) bytes[bucket] += weight; // the common case: no division
        else sink.spread(bytes, chunk.nanos(previous), previousBucket, chunk.nanos(ticks), bucket, weight);
    }

    private void grow(int thread) {
        if (thread >= count) count = thread + 1;
        if (thread < headBucket.length) return;
        int n = Math.max(thread + 1, headBucket.length * 2);
        headNanos = Arrays.copyOf(headNanos, n);
        headWeight = Arrays.copyOf(headWeight, n);
        lastTicks = Arrays.copyOf(lastTicks, n);
        lastBucket = Arrays.copyOf(lastBucket, n);
        int[] heads = noHeads(n);
        System.arraycopy(headBucket, 0, heads, 0, headBucket.length);
        headBucket = heads;
    }

    private static int[] noHeads(int threads) {
        int[] heads = new int[threads];
        Arrays.fill(heads, NO_HEAD);
        return heads;
    }

    void replayWith(Replay replay) {
        this.replay = replay;
    }

    public int threadCount() { return count; }
    public JfrThread thread(int t) { return threads[t]; }
    /** Whether thread t's head is for the sink to add: a sample after its first in the chunk. */
    public boolean headToAdd(int t) { return headBucket[t] != NO_HEAD; }
    public long headNanos(int t) { return headNanos[t]; }
    public int headBucket(int t) { return headBucket[t]; }
    public long headWeight(int t) { return headWeight[t]; }
    /** Whether thread t had a sample in the window: then its latest is {@link #lastNanos}. */
    public boolean inWindow(int t) { return lastTicks[t] != NOT_IN_WINDOW; }
    public long lastNanos(int t) { return chunk.nanos(lastTicks[t]); }
    public int lastBucket(int t) { return lastBucket[t]; }
    /** The bytes of the samples after the heads, spread; indexed by bucket, maybe shorter than the timeline. */
    public long[] bytesByBucket() { return bytes; }

    /** Every sample in the window after its thread's first in the chunk, in file order (the chunk is read again). */
    public void replaySamples(Sample sample) {
        replay.samples(sample);
    }
}
