package dev.memprof.analysis;

import dev.memprof.analysis.util.LongIntMap;
import dev.memprof.analysis.util.TimeOrderedRows;

import java.util.Arrays;

/**
 * Sampled allocations aggregated by (stack node, thread, allocated class, time bucket), stored as
 * columns. Its size grows with the number of distinct keys, never with the number of events.
 */
public final class AllocationTable {
    private int[] node = new int[256], thread = new int[256], objectClass = new int[256], bucket = new int[256];
    private long[] bytes = new long[256], samples = new long[256];
    private int size;
    /** A group is a (node, thread, class): its rows, one per bucket, are found by {@link TimeOrderedRows}. */
    private final TimeOrderedRows rows = new TimeOrderedRows();
    private final LongIntMap byNodeThread = new LongIntMap(), byGroup = new LongIntMap();
    private int pairs, groups;

    public void add(int nodeId, int threadId, int classId, int bucketId, long weight) {
        add(nodeId, threadId, classId, bucketId, weight, 1);
    }

    /** {@code sampleCount} samples at once, {@code weight} their summed weight. */
    public void add(int nodeId, int threadId, int classId, int bucketId, long weight, long sampleCount) {
        long nodeThread = ((long) nodeId << 32) | (threadId & 0xFFFFFFFFL);
        int pair = byNodeThread.get(nodeThread);
        if (pair < 0) byNodeThread.put(nodeThread, pair = pairs++);
        long groupKey = ((long) pair << 32) | (classId & 0xFFFFFFFFL);
        int group = byGroup.get(groupKey);
        if (group < 0) byGroup.put(groupKey, group = groups++);
        int row = rows.find(group, bucketId, bucket, size);
        if (row == size) {
            size++;
            if (row == node.length) grow();
            node[row] = nodeId;
            thread[row] = threadId;
            objectClass[row] = classId;
            bucket[row] = bucketId;
        }
        bytes[row] += weight;
        samples[row] += sampleCount;
    }

    private void grow() {
        int n = node.length * 2;
        node = Arrays.copyOf(node, n);
        thread = Arrays.copyOf(thread, n);
        objectClass = Arrays.copyOf(objectClass, n);
        bucket = Arrays.copyOf(bucket, n);
        bytes = Arrays.copyOf(bytes, n);
        samples = Arrays.copyOf(samples, n);
    }

    public int size() { return size; }
    public int node(int row) { return node[row]; }
    public int thread(int row) { return thread[row]; }
    public int objectClass(int row) { return objectClass[row]; }
    public int bucket(int row) { return bucket[row]; }
    public long bytes(int row) { return bytes[row]; }
    public long samples(int row) { return samples[row]; }
    /** Copies of whole columns, one value per row: for a report that goes over every row, without a call per value. */
    public int[] nodeColumn() { return Arrays.copyOf(node, size); }
    public int[] threadColumn() { return Arrays.copyOf(thread, size); }
    public int[] objectClassColumn() { return Arrays.copyOf(objectClass, size); }
    public int[] bucketColumn() { return Arrays.copyOf(bucket, size); }
    public long[] bytesColumn() { return Arrays.copyOf(bytes, size); }
    public long[] samplesColumn() { return Arrays.copyOf(samples, size); }

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
