package dev.memprof.analysis.jfr;

import java.util.Arrays;

/**
 * A chunk's allocation samples summed by a key of two or four longs (the chunk's own constant-pool
 * ids and a time slot): one hash probe per event, on the hot path of reading a recording. Keys and
 * sums are stored interleaved, so a probe touches one or two cache lines. Rows are numbered in the
 * order their keys first came.
 */
final class ChunkRows {
    private final int width;
    /** Row r's key at [r * width, (r + 1) * width), its bytes and samples at [2r, 2r + 2). */
    private long[] keys, sums;
    private int size;
    /** Open addressing: row + 1, or 0 for a free slot. */
    private int[] slots = new int[4096];

    /** @param width longs per key: 2 or 4 */
    ChunkRows(int width) {
        this.width = width;
        keys = new long[1024 * width];
        sums = new long[2048];
    }

    /** Empties the table, keeping its arrays. */
    void clear() {
        Arrays.fill(slots, 0);
        size = 0;
    }

    long key(int row, int part) {
        return keys[row * width + part];
    }

    long bytes(int row) {
        return sums[2 * row];
    }

    long samples(int row) {
        return sums[2 * row + 1];
    }

    /** Adds one sample of a four-long key; returns its row, or ~row when the row is new. */
    int add(long a, long b, long c, long d, long weight) {
        int mask = slots.length - 1;
        for (int i = hash(a, b, c, d) & mask; ; i = (i + 1) & mask) {
            int row = slots[i] - 1;
            if (row < 0) return ~newRow(i, weight, a, b, c, d);
            int k = row * 4;
            if (keys[k] == a && keys[k + 1] == b && keys[k + 2] == c && keys[k + 3] == d) {
                sums[2 * row] += weight;
                sums[2 * row + 1]++;
                return row;
            }
        }
    }

    /** Adds one sample of a two-long key; returns its row, or ~row when the row is new. */
    int add(long a, long b, long weight) {
        int mask = slots.length - 1;
        for (int i = hash(a, b, 0, 0) & mask; ; i = (i + 1) & mask) {
            int row = slots[i] - 1;
            if (row < 0) return ~newRow(i, weight, a, b, 0, 0);
            int k = row * 2;
            if (keys[k] == a && keys[k + 1] == b) {
                sums[2 * row] += weight;
                sums[2 * row + 1]++;
                return row;
            }
        }
    }

    private int newRow(int slot, long weight, long a, long b, long c, long d) {
        if ((size + 1) * width > keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
            sums = Arrays.copyOf(sums, sums.length * 2);
        }
        int k = size * width;
        keys[k] = a;
        keys[k + 1] = b;
        if (width == 4) {
            keys[k + 2] = c;
            keys[k + 3] = d;
        }
        sums[2 * size] = weight;
        sums[2 * size + 1] = 1;
        slots[slot] = size + 1;
        int row = size++;
        if (size * 2 > slots.length) rehash();
        return row;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int row = 0; row < size; row++) {
            int k = row * width;
            int i = (width == 4 ? hash(keys[k], keys[k + 1], keys[k + 2], keys[k + 3]) : hash(keys[k], keys[k + 1], 0, 0)) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = row + 1;
        }
    }

    private static int hash(long a, long b, long c, long d) {
        long h = a * 0x9E3779B97F4A7C15L + b * 0xC2B2AE3D27D4EB4FL + c * 0x165667B19E3779F9L + d;
        h *= 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 32));
    }
}
