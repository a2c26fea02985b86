package dev.memprof.analysis.heap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Immediate dominators on graphs small enough to know by hand, and one too deep for recursion. */
class DominatorTreeTest {
    @Test
    void diamondsLoopsAndUnreachableNodes() {
        // 0 -> 1, 0 -> 2, 1 -> 3, 2 -> 3, 3 -> 4, 4 -> 5, 5 -> 4, 5 -> 3; node 6 unreachable, 6 -> 4
        int[][] successors = {{1, 2}, {3}, {3}, {4}, {5}, {4, 3}, {4}};
        DominatorTree tree = tree(successors);
        assertEquals(6, tree.count);
        assertEquals(0, idomOf(tree, 1));
        assertEquals(0, idomOf(tree, 2));
        assertEquals(0, idomOf(tree, 3)); // two paths: only the root dominates it
        assertEquals(3, idomOf(tree, 4));
        assertEquals(4, idomOf(tree, 5));
        assertEquals(0, tree.number[6]);
    }

    @Test
    void theClassicLengauerTarjanExample() {
        // R=0 A=1 B=2 C=3 D=4 E=5 F=6 G=7 H=8 I=9 J=10 K=11 L=12, from Lengauer and Tarjan's paper
        int[][] s = {{1, 2, 3}, {4}, {1, 4, 5}, {6, 7}, {12}, {8}, {9}, {9, 10}, {5, 11}, {11}, {9}, {9, 0}, {8}};
        int[] expected = {0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 7, 0, 4};
        DominatorTree tree = tree(s);
        for (int v = 1; v < s.length; v++) assertEquals(expected[v], idomOf(tree, v), "idom of " + v);
    }

    @Test
    void aChainOfTwoMillionNeedsNoRecursion() {
        int n = 2_000_000;
        int[] start = new int[n + 1], edges = new int[n - 1];
        for (int v = 0; v < n; v++) start[v + 1] = Math.min(v + 1, n - 1);
        for (int v = 0; v < n - 1; v++) edges[v] = v + 1;
        DominatorTree tree = DominatorTree.of(n, start, edges);
        assertEquals(n, tree.count);
        assertEquals(n - 2, idomOf(tree, n - 1));
    }

    private static int idomOf(DominatorTree tree, int node) {
        return tree.vertex[tree.idom[tree.number[node]]];
    }

    private static DominatorTree tree(int[][] successors) {
        int n = successors.length;
        int[] start = new int[n + 1];
        for (int v = 0; v < n; v++) start[v + 1] = start[v] + successors[v].length;
        int[] edges = new int[start[n]];
        for (int v = 0; v < n; v++) System.arraycopy(successors[v], 0, edges, start[v], successors[v].length);
        return DominatorTree.of(n, start, edges);
    }
}
