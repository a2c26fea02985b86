package dev.memprof.analysis.live;

import dev.memprof.analysis.AllocationTable;
import dev.memprof.analysis.StringTable;
import dev.memprof.analysis.Timeline;
import dev.memprof.analysis.util.LongIntMap;

import java.util.Arrays;

/**
 * Objects still alive at the end of a recording, as sampled (JFR's {@code jdk.OldObjectSample}, async-profiler's
 * {@code profiler.LiveObject}), aggregated by (allocation stack node, allocating thread, object class,
 * allocation-time bucket, GC root) and stored as columns, like {@link AllocationTable}.
 * <p>
 * {@code bytes} is what the source says one sample stands for (see {@link #add}); {@code samples} counts the
 * sampled objects. A root is an interned description of what holds the object ("static field
 * com.example.Cache.ENTRIES", "thread main", ...), or {@link #UNKNOWN_ROOT} when the recording has no path.
 * Objects allocated outside the report's time window are not kept.
 */
public final class LiveObjects {
    /** The root of an object whose path to a GC root was not recorded. */
    public static final int UNKNOWN_ROOT = -1;

    private final Timeline timeline;
    private final long fromEpochNanos, toEpochNanos;
    private final StringTable roots = new StringTable();
    /** The rows, an allocation table whose "node" is a (stack node, root) pair: {@link #nodeOf}, {@link #rootOf}. */
    private final AllocationTable rows = new AllocationTable();
    private final LongIntMap pairs = new LongIntMap();
    private int[] nodeOf = new int[64], rootOf = new int[64];
    private int pairCount;

    /** Keeps objects allocated in [{@code fromEpochNanos}, {@code toEpochNanos}); buckets as {@code timeline}. */
    public LiveObjects(Timeline timeline, long fromEpochNanos, long toEpochNanos) {
        this.timeline = timeline;
        this.fromEpochNanos = fromEpochNanos;
        this.toEpochNanos = toEpochNanos;
    }

    /** The id of a root description, for {@link #add}. */
    public int internRoot(String description) {
        return roots.intern(description);
    }

    /**
     * One sampled live object.
     *
     * @param stackNode           its allocation stack (a {@link CallTree} node)
     * @param threadId            the allocating thread (the profile's thread table)
     * @param objectClassId       its class (the profile's class table)
     * @param bytes               the bytes this sample stands for
     * @param allocationTimeNanos when it was allocated, nanoseconds since the epoch
     * @param rootId              from {@link #internRoot(String)}, or {@link #UNKNOWN_ROOT}
     */
    public void add(int stackNode, int threadId, int objectClassId, long bytes, long allocationTimeNanos, int rootId) {
        if (allocationTimeNanos < fromEpochNanos || allocationTimeNanos >= toEpochNanos) return;
        long key = ((long) stackNode << 32) | (rootId & 0xFFFFFFFFL);
        int pair = pairs.get(key);
        if (pair < 0) {
            pair = pairCount++;
            pairs.put(key, pair);
            if (pair == nodeOf.length) {
                nodeOf = Arrays.copyOf(nodeOf, pair * 2);
                rootOf = Arrays.copyOf(rootOf, pair * 2);
            }
            nodeOf[pair] = stackNode;
            rootOf[pair] = rootId;
        }
        rows.add(pair, threadId, objectClassId, timeline.bucket(allocationTimeNanos), bytes, 1);
    }

    /** Root descriptions, indexed by {@link #root(int)}. */
    public StringTable roots() { return roots; }
    public int size() { return rows.size(); }
    public int node(int row) { return nodeOf[rows.node(row)]; }
    public int thread(int row) { return rows.thread(row); }
    public int objectClass(int row) { return rows.objectClass(row); }
    public int bucket(int row) { return rows.bucket(row); }
    /** A {@link #roots()} id, or {@link #UNKNOWN_ROOT}. */
    public int root(int row) { return rootOf[rows.node(row)]; }
    public long bytes(int row) { return rows.bytes(row); }
    public long samples(int row) { return rows.samples(row); }
    public long totalBytes() { return rows.totalBytes(); }
    public long totalSamples() { return rows.totalSamples(); }
}
