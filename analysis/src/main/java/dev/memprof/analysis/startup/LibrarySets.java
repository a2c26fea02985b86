package dev.memprof.analysis.startup;

import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.FrameTable;

import java.util.Arrays;

/** The distinct libraries on each node's path from the root; a node shares its parent's array when it adds none. */
final class LibrarySets {
    private final int[][] sets;

    LibrarySets(CallTree tree, FrameTable frames) {
        this.sets = new int[tree.size()][];
        sets[CallTree.ROOT] = new int[0];
        for (int node = 1; node < tree.size(); node++) { // a parent is always made before its children
            int[] parent = sets[tree.parent(node)];
            int lib = frames.library(tree.frame(node));
            sets[node] = contains(parent, lib) ? parent : append(parent, lib);
        }
    }

    int[] of(int node) {
        return sets[node];
    }

    private static boolean contains(int[] set, int value) {
        for (int v : set) if (v == value) return true;
        return false;
    }

    private static int[] append(int[] set, int value) {
        int[] bigger = Arrays.copyOf(set, set.length + 1);
        bigger[set.length] = value;
        return bigger;
    }
}
