package dev.memprof.report;

import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.Profile;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.IntUnaryOperator;

/** Stacks as the text reports print them (allocations, leaks, native), and a table's rows put in order of their stacks. */
final class Stacks {
    /** Frames printed of a stack; deeper ones are counted, not printed. */
    static final int MAX_FRAMES = 12;

    private Stacks() {}

    /** The stack ending at {@code node}, leaf first, one frame a line, at most {@link #MAX_FRAMES} frames. */
    static void print(Profile profile, int node, PrintWriter out) {
        int depth = 0;
        for (int n = node; n != CallTree.ROOT; n = profile.tree().parent(n)) {
            if (depth++ == MAX_FRAMES) {
                out.println("          ... " + profile.tree().depth(n) + " more");
                break;
            }
            out.println("          at " + Units.printable(profile.frameName(n)));
        }
    }

    /**
     * The row numbers {@code 0..rows-1} ordered by {@code keys} (by the first, then the next, ...; then by row), so that
     * rows with equal keys are adjacent and one pass can sum them: e.g. by (stack node, thread) for one sample each.
     */
    static int[] ordered(int rows, IntUnaryOperator... keys) {
        Comparator<Integer> order = Comparator.comparingInt(keys[0]::applyAsInt);
        for (int k = 1; k < keys.length; k++) order = order.thenComparingInt(keys[k]::applyAsInt);
        Integer[] sorted = new Integer[rows];
        Arrays.setAll(sorted, r -> r);
        Arrays.sort(sorted, order.thenComparingInt(r -> r));
        return Arrays.stream(sorted).mapToInt(Integer::intValue).toArray();
    }

    /** Whether rows {@code a} and {@code b} have the same {@code keys}. */
    static boolean sameKeys(int a, int b, IntUnaryOperator... keys) {
        for (IntUnaryOperator key : keys) {
            if (key.applyAsInt(a) != key.applyAsInt(b)) return false;
        }
        return true;
    }
}
