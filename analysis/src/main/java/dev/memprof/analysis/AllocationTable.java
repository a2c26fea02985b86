package dev.memprof.analysis;

import dev.memprof.analysis.util.LongIntMap;
import dev.memprof.analysis.util.TimeOrderedRows;

import java.util.Arrays;

/**
 * Sampled allocations aggregated by (stack node, thread, allocated class, time bucket), stored as
 * columns. Its size grows with the number of distinct keys, never with the number of events.
 */
public final class AllocationTable extends StackRows {
    private int[] objectClass = new int[256];
    private long[] samples = new long[256];
    /** A group is a (node, thread, class): its rows, one per bucket, are found by {@link TimeOrderedRows}. */
    private final TimeOrderedRows rows = new TimeOrderedRows();
    private final LongIntMap byNodeThread = new LongIntMap(), byGroup = new LongIntMap();
    private int pairs, groups;

    public AllocationTable() {
        super(256);
    }

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
            newRow(nodeId, threadId, bucketId);
            objectClass[row] = classId;
        }
        bytes[row] += weight;
        samples[row] += sampleCount;
    }

    @Override
    void growOwnColumns(int length) {
        objectClass = Arrays.copyOf(objectClass, length);
        samples = Arrays.copyOf(samples, length);
    }

    public int objectClass(int row) { return objectClass[row]; }
    public long samples(int row) { return samples[row]; }
    /** Copies of whole columns, as {@link #nodeColumn}. */
    public int[] objectClassColumn() { return Arrays.copyOf(objectClass, size); }
    public long[] samplesColumn() { return Arrays.copyOf(samples, size); }

    public long totalSamples() {
        return total(samples);
    }
}
