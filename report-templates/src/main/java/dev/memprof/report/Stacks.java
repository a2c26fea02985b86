package dev.memprof.report;

import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.Profile;

import java.io.PrintWriter;

/** Stacks as the text reports print them (allocations, leaks, native). */
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
}
