package dev.memprof.analysis;

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
    private int[] node = new int[64], thread = new int[64], objectClass = new int[64], bucket = new int[64], root = new int[64];
    private long[] bytes = new long[64], samples = new long[64];
    private int size;
    // (node, thread) -> pair, (pair, root) -> group, (group, class, bucket) -> row: unboxed like AllocationTable
    private final LongIntMap byNodeThread = new LongIntMap(), byRoot = new LongIntMap(), byRest = new LongIntMap();
    private int pairs, groups;

    /** Keeps objects allocated in [{@code fromEpochNanos}, {@code toEpochNanos}); buckets as {@code timeline}. */
    LiveObjects(Timeline timeline, long fromEpochNanos, long toEpochNanos) {
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
        int bucketId = timeline.bucket(allocationTimeNanos);
        int pair = idOf(byNodeThread, ((long) stackNode << 32) | (threadId & 0xFFFFFFFFL), pairs);
        if (pair == pairs) pairs++;
        int group = idOf(byRoot, ((long) pair << 32) | (rootId & 0xFFFFFFFFL), groups);
        if (group == groups) groups++;
        long key = ((long) group << 31) | ((long) (objectClassId & 0xFFFFF) << 11) | (bucketId & 0x7FF);
        int row = idOf(byRest, key, size);
        if (row == size) {
            if (size == node.length) grow();
            size++;
            node[row] = stackNode;
            thread[row] = threadId;
            objectClass[row] = objectClassId;
            bucket[row] = bucketId;
            root[row] = rootId;
        }
        this.bytes[row] += bytes;
        samples[row]++;
    }

    private static int idOf(LongIntMap map, long key, int next) {
        int id = map.get(key);
        if (id >= 0) return id;
        map.put(key, next);
        return next;
    }

    private void grow() {
        int n = node.length * 2;
        node = Arrays.copyOf(node, n);
        thread = Arrays.copyOf(thread, n);
        objectClass = Arrays.copyOf(objectClass, n);
        bucket = Arrays.copyOf(bucket, n);
        root = Arrays.copyOf(root, n);
        bytes = Arrays.copyOf(bytes, n);
        samples = Arrays.copyOf(samples, n);
    }

    /** Root descriptions, indexed by {@link #root(int)}. */
    public StringTable roots() { return roots; }
    public int size() { return size; }
    public int node(int row) { return node[row]; }
    public int thread(int row) { return thread[row]; }
    public int objectClass(int row) { return objectClass[row]; }
    public int bucket(int row) { return bucket[row]; }
    /** A {@link #roots()} id, or {@link #UNKNOWN_ROOT}. */
    public int root(int row) { return root[row]; }
    public long bytes(int row) { return bytes[row]; }
    public long samples(int row) { return samples[row]; }

    public long totalBytes() {
        long total = 0;
        for (int i = 0; i < size; i++) total += bytes[i];
        return total;
    }

    public long totalSamples() {
        long total = 0;
        for (int i = 0; i < size; i++) total += samples[i];
        return total;
    }
}
