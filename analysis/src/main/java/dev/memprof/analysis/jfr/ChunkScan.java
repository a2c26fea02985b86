package dev.memprof.analysis.jfr;

import dev.memprof.analysis.util.LongIntMap;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One pass over a chunk's events, on a worker thread. {@code jdk.ObjectAllocationSample} events,
 * millions in a long recording, are summed right away with the chunk's own constant-pool ids,
 * without decoding anything else: by (stack, thread, class, timeline bucket) and by (stack, evidence bucket).
 * Other events of interest, and each thread's first sample in the chunk (the sink treats a thread's
 * very first sample apart), are only noted by position. The log keeps the order in which the rows'
 * keys and those events first came, so {@link #replay} feeds the sink in the order of the JDK's reader
 * (ids are given in that order); evidence rows come when their first run of samples ends (only sums come of them).
 * The allocation rate is spread here too ({@link ChunkRate}).
 */
final class ChunkScan {
    static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
    private static final byte SKIP = 0, ALLOCATION = 1, GENERIC = 2;
    /** The log's entries: the kind in the low two bits, the index above them. */
    private static final int ROW = 0, EVIDENCE_ROW = 1, EVENT = 2;

    /** The chunk read last, and the buffer it was read into (kept for the next chunk). */
    Chunk chunk;
    ByteBuffer buffer;
    /**
     * Keyed by (stack, thread, class, timeline bucket), and by (stack, evidence bucket) with bytes and samples. A row's
     * values: its bytes and samples, then the evidence bucket, bytes and samples of its current run: a thread's samples
     * come in time order, so a row's samples fill one evidence bucket after another, and each run goes to
     * {@link #evidenceRows} once (a probe per run, not per sample), its values beside the key's so that a sample touches
     * few cache lines.
     */
    private final ChunkRows rows = new ChunkRows(4, 5), evidenceRows = new ChunkRows(2, 2);
    private static final int BYTES = 0, SAMPLES = 1, RUN_EVIDENCE_BUCKET = 2, RUN_BYTES = 3, RUN_SAMPLES = 4;
    private int[] log = new int[256];
    private int logSize;
    private int[] events = new int[64];
    private int eventCount;
    /** Threads by index in the order of their first sample in the chunk; the rate uses the same indices. */
    private final SeenThreads threads = new SeenThreads();
    private final ChunkRate rate = new ChunkRate();
    private Metadata.Type allocationType;
    private AllocationLayout layout;
    /**
     * The sink's bucket and evidence bucket for the times in [lastBucketTimes[0], lastBucketTimes[1]), which are the
     * ticks in [lastFromTicks, lastToTicks): most samples fall in the buckets asked for last, and are placed by their
     * ticks, without a division.
     */
    private final long[] lastBucketTimes = new long[2];
    private long lastFromTicks, lastToTicks;
    private int lastBucket, lastEvidenceBucket;

    /**
     * Reads a chunk into this scan's arrays, cleared but kept from the previous chunk: a chunk of
     * 12 MB makes arrays of several MB, and fresh ones for every chunk cost more in collections
     * than the reading itself.
     */
    ChunkScan scan(Chunk chunk, EventSink sink) {
        this.chunk = chunk;
        rows.clear();
        evidenceRows.clear();
        logSize = eventCount = 0;
        lastFromTicks = 1;
        lastToTicks = 0;
        threads.size = threads.last = 0;
        rate.clear(chunk);
        allocationType = null;
        run(sink);
        return this;
    }

    private void run(EventSink sink) {
        Metadata.Type sample = chunk.metadata.type(ALLOCATION_SAMPLE);
        layout = sample == null || !sink.wants(ALLOCATION_SAMPLE, sample.hasSettings) ? null : AllocationLayout.of(sample);
        if (layout != null) allocationType = sample;
        // what to do with each event type, by id (the JDK's and async-profiler's ids are small)
        long maxId = 0;
        for (Metadata.Type type : chunk.metadata.types()) maxId = Math.max(maxId, type.id);
        byte[] action = new byte[(int) Math.min(maxId + 1, 1 << 16)];
        LongIntMap largeIds = new LongIntMap();
        for (Metadata.Type type : chunk.metadata.types()) {
            byte what = type == allocationType ? ALLOCATION : type.isEvent() && sink.wants(type.name, type.hasSettings) ? GENERIC : SKIP;
            if (type.id >= 0 && type.id < action.length) action[(int) type.id] = what;
            else if (what != SKIP) largeIds.put(type.id, what);
        }
        long[] header = new long[2], values = new long[5];
        boolean plain = layout != null && layout.plain();
        byte[] data = chunk.data;
        int end = chunk.size, p = ChunkHeaders.HEADER_SIZE;
        while (p < end) {
            int eventStart = p;
            int size;
            long typeId;
            if (data[p] >= 0 && data[p + 1] >= 0) { // one-byte size and type: most events, read without a call
                size = data[p];
                typeId = data[p + 1];
                p += 2;
            } else {
                p = Chunk.varlongs(data, p, header, 2);
                size = (int) header[0];
                typeId = header[1];
            }
            if (size <= 0) throw new IllegalStateException("event of size " + size + " at " + eventStart);
            int what = typeId >= 0 && typeId < action.length ? action[(int) typeId] : Math.max(SKIP, largeIds.get(typeId));
            if (what == ALLOCATION) {
                if (plain) { // the five values in order: the hot path
                    Chunk.varlongs(data, p, values, 5);
                } else {
                    chunk.pos = p;
                    layout.read(chunk, values);
                }
                if (!threads.isLast(values[AllocationLayout.THREAD]) && threads.firstTime(values[AllocationLayout.THREAD])) {
                    long ticks = values[AllocationLayout.START_TIME];
                    rate.first(threads.last, ticks, sink.bucket(chunk.nanos(ticks)));
                    event(eventStart);
                } else {
                    allocation(values, sink);
                }
            } else if (what == GENERIC) {
                event(eventStart);
            }
            p = eventStart + size;
        }
        if (p != end) throw new IllegalStateException("the last event runs past the chunk's end");
        for (int row = 0; row < rows.size(); row++) endRun(row);
    }

    private void event(int eventStart) {
        if (eventCount == events.length) events = Arrays.copyOf(events, eventCount * 2);
        events[eventCount] = eventStart;
        append(eventCount++, EVENT);
    }

    private void allocation(long[] values, EventSink sink) {
        long ticks = values[AllocationLayout.START_TIME], stack = values[AllocationLayout.STACK_TRACE];
        long weight = values[AllocationLayout.WEIGHT];
        if (ticks < lastFromTicks || ticks >= lastToTicks) {
            long nanos = chunk.nanos(ticks);
            lastBucket = sink.bucket(nanos); // -1 outside the sink's time window: still a row, as the sink still reads its names
            lastEvidenceBucket = sink.evidenceBucket(nanos);
            sink.sameBuckets(nanos, lastBucketTimes);
            lastFromTicks = chunk.firstTicksAt(lastBucketTimes[0], Long.MAX_VALUE);
            lastToTicks = chunk.firstTicksAt(lastBucketTimes[1], Long.MIN_VALUE);
        }
        int bucket = lastBucket;
        int row = rows.row(stack, values[AllocationLayout.THREAD], values[AllocationLayout.OBJECT_CLASS], bucket);
        long[] v = rows.values;
        if (row < 0) {
            row = ~row;
            append(row, ROW);
            startRun(v, row * rows.stride, weight);
        } else if (v[row * rows.stride + RUN_EVIDENCE_BUCKET] == lastEvidenceBucket) {
            v[row * rows.stride + RUN_BYTES] += weight;
            v[row * rows.stride + RUN_SAMPLES]++;
        } else {
            endRun(row);
            startRun(v, row * rows.stride, weight);
        }
        if (bucket >= 0) rate.add(threads.last, ticks, bucket, weight, sink);
    }

    private void startRun(long[] v, int at, long weight) {
        v[at + RUN_EVIDENCE_BUCKET] = lastEvidenceBucket;
        v[at + RUN_BYTES] = weight;
        v[at + RUN_SAMPLES] = 1;
    }

    /** The row's run goes to its evidence row and its own sums. */
    private void endRun(int row) {
        long[] v = rows.values;
        int at = row * rows.stride;
        v[at + BYTES] += v[at + RUN_BYTES];
        v[at + SAMPLES] += v[at + RUN_SAMPLES];
        int evidenceRow = evidenceRows.add(rows.key(row, 0), v[at + RUN_EVIDENCE_BUCKET], v[at + RUN_BYTES], v[at + RUN_SAMPLES]);
        if (evidenceRow < 0) append(~evidenceRow, EVIDENCE_ROW);
    }

    /** Which threads had a sample in this chunk: few, so a short array, searched from the last one found. */
    private static final class SeenThreads {
        private long[] keys = new long[16];
        private int size;
        /** The index of the thread last asked about. */
        int last;

        /** Whether {@code thread} is the one last asked about: most samples, and small enough for C1 to inline. */
        boolean isLast(long thread) {
            return size > 0 && keys[last] == thread;
        }

        boolean firstTime(long thread) {
            if (isLast(thread)) return false;
            for (int i = 0; i < size; i++) {
                if (keys[i] == thread) {
                    last = i;
                    return false;
                }
            }
            if (size == keys.length) keys = Arrays.copyOf(keys, size * 2);
            keys[size] = thread;
            last = size++;
            return true;
        }
    }

    private void append(int index, int kind) {
        if (logSize == log.length) log = Arrays.copyOf(log, logSize * 2);
        log[logSize++] = index << 2 | kind;
    }

    /** Feeds the sink what this chunk held, in the order it came. On the thread that owns the sink. */
    void replay(EventSink sink) {
        Views stacks = new Views("stackTrace"), threads = new Views("eventThread"), classes = new Views("objectClass");
        for (int i = 0; i < logSize; i++) {
            int index = log[i] >>> 2;
            switch (log[i] & 3) {
                case ROW -> sink.allocations((JfrClass) classes.of(rows.key(index, 2)), (JfrThread) threads.of(rows.key(index, 1)),
                        (JfrStackTrace) stacks.of(rows.key(index, 0)), (int) rows.key(index, 3), rows.value(index, BYTES), rows.value(index, SAMPLES));
                case EVIDENCE_ROW -> sink.evidenceAllocations((JfrStackTrace) stacks.of(evidenceRows.key(index, 0)),
                        (int) evidenceRows.key(index, 1), evidenceRows.value(index, BYTES), evidenceRows.value(index, SAMPLES));
                default -> {
                    chunk.pos = events[index];
                    chunk.readVarint(); // size
                    Metadata.Type type = chunk.metadata.type(chunk.readVarlong());
                    sink.accept(new ChunkObject(chunk, type, chunk.pos));
                }
            }
        }
        if (rate.threads.length < this.threads.size) rate.threads = new JfrThread[this.threads.size];
        for (int t = 0; t < this.threads.size; t++) rate.threads[t] = (JfrThread) threads.of(this.threads.keys[t]);
        rate.replayWith(sample -> replaySamples(sink, sample));
        sink.allocationRate(rate);
        sink.endChunk();
    }

    /**
     * Reads the chunk's allocation samples again, for the rate one by one: rare (see {@link ChunkRate}), so by the
     * general path.
     */
    private void replaySamples(EventSink sink, ChunkRate.Sample sample) {
        if (layout == null) return;
        SeenThreads seen = new SeenThreads();
        long[] values = new long[5];
        for (int p = ChunkHeaders.HEADER_SIZE; p < chunk.size; ) {
            chunk.pos = p;
            int size = chunk.readVarint();
            if (chunk.readVarlong() == allocationType.id) {
                layout.read(chunk, values);
                long nanos = chunk.nanos(values[AllocationLayout.START_TIME]);
                int bucket = sink.bucket(nanos);
                if (!seen.firstTime(values[AllocationLayout.THREAD]) && bucket >= 0) {
                    sample.add(seen.last, nanos, bucket, values[AllocationLayout.WEIGHT]);
                }
            }
            p += size;
        }
    }

    /** The views of the constants one field of the allocation event refers to, by key (the chunk keeps them). */
    private final class Views {
        private final Chunk.Views views;

        Views(String field) {
            views = allocationType == null ? null : chunk.views(allocationType.fields.get(allocationType.fieldIndex(field)).type);
        }

        ChunkObject of(long key) {
            return views.of(key);
        }
    }
}
