package dev.memprof.analysis.util;

import java.util.Arrays;

/**
 * Finds a table's row for a (group, time bucket) without a map of every row: each group's rows are chained from its
 * latest bucket down. Samples come in time order, so a sample's row is nearly always its group's latest, or a new one
 * after it: one step, where a map of hundreds of thousands of rows costs a cache miss a lookup. Rows that come out
 * of order are found, or chained in their place, by walking down the group's chain.
 */
public final class TimeOrderedRows {
    /** Per row: the group's row with the next lower bucket, or -1. */
    private int[] lower = new int[256];
    /** Per group: its row with the highest bucket, or -1. */
    private int[] latest = new int[0];

    /**
     * The row of {@code group} in {@code bucket}, or, when there is none, {@code newRow} chained in its place (the
     * caller then fills it in).
     *
     * @param bucketOf each existing row's bucket
     */
    public int find(int group, int bucket, int[] bucketOf, int newRow) {
        if (group >= latest.length) {
            int from = latest.length;
            latest = Arrays.copyOf(latest, Math.max(group + 1, from * 2));
            Arrays.fill(latest, from, latest.length, -1);
        }
        int higher = -1, row = latest[group];
        while (row >= 0 && bucketOf[row] > bucket) {
            higher = row;
            row = lower[row];
        }
        if (row >= 0 && bucketOf[row] == bucket) return row;
        if (newRow >= lower.length) lower = Arrays.copyOf(lower, Math.max(newRow + 1, lower.length * 2));
        lower[newRow] = row;
        if (higher < 0) latest[group] = newRow;
        else lower[higher] = newRow;
        return newRow;
    }

    /** Forgets every row, keeping the arrays. */
    public void clear() {
        Arrays.fill(latest, -1);
    }
}
