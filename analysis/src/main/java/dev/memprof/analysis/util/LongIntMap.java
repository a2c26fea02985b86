package dev.memprof.analysis.util;

import java.util.Arrays;

/** Open-addressing map from long keys to int values, without boxing; hot in the aggregation loop. */
public final class LongIntMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys = new long[1024];
    private int[] values = new int[1024];
    private int size;
    /** Grows past this many entries per 4 slots: 2 (half full) keeps probes short where lookups are hot. */
    private final int maxPerFourSlots;

    public LongIntMap() {
        this(2);
    }

    /** @param maxPerFourSlots entries per 4 slots before it grows: 2 or 3 (a quarter fewer slots, longer probes) */
    public LongIntMap(int maxPerFourSlots) {
        this.maxPerFourSlots = maxPerFourSlots;
        Arrays.fill(keys, EMPTY);
    }

    /** The value for key, or -1. */
    public int get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) return values[i];
            if (keys[i] == EMPTY) return -1;
        }
    }

    public void put(long key, int value) {
        if (key == EMPTY) throw new IllegalArgumentException("reserved key");
        if ((long) size * 4 >= (long) keys.length * maxPerFourSlots) grow();
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY && keys[i] != key) i = (i + 1) & mask;
        if (keys[i] == EMPTY) size++;
        keys[i] = key;
        values[i] = value;
    }

    public void clear() {
        if (size == 0) return;
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) put(oldKeys[i], oldValues[i]);
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
