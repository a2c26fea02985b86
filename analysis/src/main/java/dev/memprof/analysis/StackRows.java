package dev.memprof.analysis;

import java.util.Arrays;

/**
 * Rows of sampled bytes by (stack node, thread, time bucket), stored as columns: what {@link AllocationTable} and
 * {@link NativeMemory} share. Each adds its own columns, grown with these by {@link #growOwnColumns}.
 */
public abstract class StackRows {
    int[] node, thread, bucket;
    long[] bytes;
    int size;

    StackRows(int capacity) {
        node = new int[capacity];
        thread = new int[capacity];
        bucket = new int[capacity];
        bytes = new long[capacity];
    }

    /** Appends a row (no bytes yet), the columns made longer when full; returns it. */
    final int newRow(int nodeId, int threadId, int bucketId) {
        int row = size++;
        if (row == node.length) {
            int n = row * 2;
            node = Arrays.copyOf(node, n);
            thread = Arrays.copyOf(thread, n);
            bucket = Arrays.copyOf(bucket, n);
            bytes = Arrays.copyOf(bytes, n);
            growOwnColumns(n);
        }
        node[row] = nodeId;
        thread[row] = threadId;
        bucket[row] = bucketId;
        return row;
    }

    /** Makes the subclass's columns {@code length} long, as {@link #newRow} did these. */
    abstract void growOwnColumns(int length);

    /** Rows: one per distinct key. */
    public int size() { return size; }
    /** A {@link CallTree} node. */
    public int node(int row) { return node[row]; }
    /** The thread (the profile's thread table). */
    public int thread(int row) { return thread[row]; }
    /** The {@link Timeline} bucket. */
    public int bucket(int row) { return bucket[row]; }
    /** Bytes (sample weights). */
    public long bytes(int row) { return bytes[row]; }

    /** Copies of whole columns, one value per row: for a report that goes over every row, without a call per value. */
    public int[] nodeColumn() { return Arrays.copyOf(node, size); }
    public int[] threadColumn() { return Arrays.copyOf(thread, size); }
    public int[] bucketColumn() { return Arrays.copyOf(bucket, size); }
    public long[] bytesColumn() { return Arrays.copyOf(bytes, size); }

    public long totalBytes() {
        return total(bytes);
    }

    /** A long column's sum over the rows. */
    final long total(long[] column) {
        long total = 0;
        for (int i = 0; i < size; i++) total += column[i];
        return total;
    }
}
