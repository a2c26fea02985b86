package dev.memprof.analysis.jfr;

import java.util.Arrays;

/**
 * A chunk's allocation samples by a key of two or four longs (the chunk's own constant-pool ids and
 * a time bucket), with a few longs of values per row: one hash probe per event, on the hot path of
 * reading a recording. Keys and values are each stored row after row, so a probe and its update
 * touch a cache line or two. Rows are numbered in the order their keys first came.
 */
final class ChunkRows {
    private final int width;
    /** Longs of values per row: row r's values are at [r * stride, (r + 1) * stride) of {@link #values}. */
    final int stride;
    /** Row r's key at [r * width, (r + 1) * width). */
    private long[] keys;
    long[] values;
    private int size;
    /** Open addressing: row + 1, or 0 for a free slot. */
    private int[] slots = new int[4096];

    /** @param width longs per key: 2 or 4; @param stride longs of values per row */
    ChunkRows(int width, int stride) {
        this.width = width;
        this.stride = stride;
        keys = new long[1024 * width];
        values = new long[1024 * stride];
    }

    int size() {
        return size;
    }

    /** Empties the table, keeping its arrays. */
    void clear() {
        Arrays.fill(slots, 0);
        size = 0;
    }

    long key(int row, int part) {
        return keys[row * width + part];
    }

    long value(int row, int i) {
        return values[row * stride + i];
    }

    /** The row of a four-long key, or ~row when it is new (its values zero). */
    int row(long a, long b, long c, long d) {
        int mask = slots.length - 1;
        for (int i = hash(a, b, c, d) & mask; ; i = (i + 1) & mask) {
            int row = slots[i] - 1;
            if (row < 0) return ~newRow(i, a, b, c, d);
            int k = row * 4;
            if (keys[k] == a && keys[k + 1] == b && keys[k + 2] == c && keys[k + 3] == d) return row;
        }
    }

    /**
     * Adds to the first two values (bytes, samples) of a two-long key's row; returns the row, or ~row when it is new.
     */
    int add(long a, long b, long bytes, long samples) {
        int mask = slots.length - 1;
        for (int i = hash(a, b, 0, 0) & mask; ; i = (i + 1) & mask) {
            int row = slots[i] - 1;
            boolean added = row < 0;
            if (added) row = newRow(i, a, b, 0, 0);
            else if (keys[row * 2] != a || keys[row * 2 + 1] != b) continue;
            values[row * stride] += bytes;
            values[row * stride + 1] += samples;
            return added ? ~row : row;
        }
    }

    private int newRow(int slot, long a, long b, long c, long d) {
        if ((size + 1) * width > keys.length) keys = Arrays.copyOf(keys, keys.length * 2);
        if ((size + 1) * stride > values.length) values = Arrays.copyOf(values, values.length * 2);
        int k = size * width;
        keys[k] = a;
        keys[k + 1] = b;
        if (width == 4) {
            keys[k + 2] = c;
            keys[k + 3] = d;
        }
        Arrays.fill(values, size * stride, (size + 1) * stride, 0);
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
