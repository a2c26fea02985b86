package dev.memprof.analysis.jfr;

import java.util.Arrays;

/**
 * A chunk's allocation samples summed by (stack, thread, class, time), keyed by the chunk's own
 * constant-pool ids (zero for a part of the key not used): one hash probe per event, on the hot
 * path of reading a recording. Rows are numbered in the order their keys first came.
 */
final class ChunkRows {
    long[] stack = new long[1024], thread = new long[1024], objectClass = new long[1024];
    int[] bucket = new int[1024];
    long[] bytes = new long[1024], samples = new long[1024];
    int size;
    /** Open addressing: row + 1, or 0 for a free slot. */
    private int[] slots = new int[4096];

    /** Adds one sample; returns its row, or ~row when the row is new. */
    int add(long stackKey, long threadKey, long classKey, int bucketId, long weight) {
        int mask = slots.length - 1;
        for (int i = hash(stackKey, threadKey, classKey, bucketId) & mask; ; i = (i + 1) & mask) {
            int row = slots[i] - 1;
            if (row < 0) {
                row = newRow(stackKey, threadKey, classKey, bucketId, weight);
                slots[i] = row + 1;
                if (size * 2 > slots.length) rehash();
                return ~row;
            }
            if (stack[row] == stackKey && thread[row] == threadKey && objectClass[row] == classKey && bucket[row] == bucketId) {
                bytes[row] += weight;
                samples[row]++;
                return row;
            }
        }
    }

    private int newRow(long stackKey, long threadKey, long classKey, int bucketId, long weight) {
        if (size == stack.length) {
            int n = size * 2;
            stack = Arrays.copyOf(stack, n);
            thread = Arrays.copyOf(thread, n);
            objectClass = Arrays.copyOf(objectClass, n);
            bucket = Arrays.copyOf(bucket, n);
            bytes = Arrays.copyOf(bytes, n);
            samples = Arrays.copyOf(samples, n);
        }
        stack[size] = stackKey;
        thread[size] = threadKey;
        objectClass[size] = classKey;
        bucket[size] = bucketId;
        bytes[size] = weight;
        samples[size] = 1;
        return size++;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int row = 0; row < size; row++) {
            int i = hash(stack[row], thread[row], objectClass[row], bucket[row]) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = row + 1;
        }
    }

    private static int hash(long stackKey, long threadKey, long classKey, int bucketId) {
        long h = stackKey * 0x9E3779B97F4A7C15L + threadKey * 0xC2B2AE3D27D4EB4FL + classKey * 0x165667B19E3779F9L + bucketId;
        h *= 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 32));
    }
}
