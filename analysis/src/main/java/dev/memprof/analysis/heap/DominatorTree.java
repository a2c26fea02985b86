package dev.memprof.analysis.heap;

/**
 * The dominator tree of a graph in CSR form, rooted at node 0, by semi-NCA (Georgiadis): Lengauer-Tarjan's
 * semi-dominators with path compression, then each immediate dominator as the nearest common ancestor of its DFS
 * parent and semi-dominator. Everything is int arrays indexed by DFS preorder number (1 = the root); no recursion,
 * so a million-deep linked list is fine. A node's dominator always has a smaller number than the node, so one pass in
 * number order visits dominators before what they dominate, and one pass backwards sums retained sizes.
 */
final class DominatorTree {
    /** Reachable nodes, the root included; numbers run 1..count. */
    final int count;
    /** number -> node. */
    final int[] vertex;
    /** number -> number of its immediate dominator (the root's is itself). */
    final int[] idom;
    /** node -> its number, 0 when the root does not reach it. */
    final int[] number;

    private DominatorTree(int count, int[] vertex, int[] idom, int[] number) {
        this.count = count;
        this.vertex = vertex;
        this.idom = idom;
        this.number = number;
    }

    static DominatorTree of(int nodes, int[] edgeStart, int[] edges) {
        int[] number = new int[nodes];
        int[] vertex = new int[nodes + 1];
        int[] parent = new int[nodes + 1];
        int[] scratch = new int[nodes];
        int count = depthFirst(edgeStart, edges, number, vertex, parent, scratch);
        int[][] predecessors = predecessors(count, vertex, number, edgeStart, edges);
        int[] semi = semiDominators(count, parent, predecessors[0], predecessors[1], scratch);
        for (int i = 2; i <= count; i++) { // parent[] becomes idom[]: idom[d] is final for every d < i
            int d = parent[i];
            while (d > semi[i]) d = parent[d];
            parent[i] = d;
        }
        parent[1] = 1;
        return new DominatorTree(count, vertex, parent, number);
    }

    /** Iterative DFS from node 0 numbering nodes in preorder; returns how many it reached. */
    private static int depthFirst(int[] edgeStart, int[] edges, int[] number, int[] vertex, int[] parent, int[] stack) {
        int[] next = edgeStart.clone();
        int count = 1, top = 0;
        number[0] = 1;
        vertex[1] = 0;
        stack[top++] = 0;
        while (top > 0) {
            int v = stack[top - 1];
            int e = next[v];
            if (e == edgeStart[v + 1]) {
                top--;
                continue;
            }
            next[v] = e + 1;
            int t = edges[e];
            if (number[t] == 0) {
                number[t] = ++count;
                vertex[count] = t;
                parent[count] = number[v];
                stack[top++] = t;
            }
        }
        return count;
    }

    /** Predecessors of each reachable node in number space, as CSR: {start (by number), numbers}. */
    private static int[][] predecessors(int count, int[] vertex, int[] number, int[] edgeStart, int[] edges) {
        int[] start = new int[count + 2];
        for (int a = 1; a <= count; a++) {
            int v = vertex[a];
            for (int e = edgeStart[v]; e < edgeStart[v + 1]; e++) start[number[edges[e]] + 1]++;
        }
        for (int i = 1; i < start.length; i++) start[i] += start[i - 1];
        int[] fill = start.clone();
        int[] preds = new int[start[count + 1]];
        for (int a = 1; a <= count; a++) {
            int v = vertex[a];
            for (int e = edgeStart[v]; e < edgeStart[v + 1]; e++) preds[fill[number[edges[e]]]++] = a;
        }
        return new int[][] {start, preds};
    }

    private static int[] semiDominators(int count, int[] parent, int[] predStart, int[] preds, int[] stack) {
        int[] semi = new int[count + 1], label = new int[count + 1], ancestor = new int[count + 1];
        for (int i = 1; i <= count; i++) semi[i] = label[i] = i;
        for (int w = count; w >= 2; w--) {
            for (int p = predStart[w]; p < predStart[w + 1]; p++) {
                int u = preds[p];
                if (ancestor[u] != 0) {
                    compress(u, ancestor, label, semi, stack);
                    u = label[u];
                }
                if (semi[u] < semi[w]) semi[w] = semi[u];
            }
            ancestor[w] = parent[w];
        }
        return semi;
    }

    /** Lengauer-Tarjan's COMPRESS without recursion: the chain above v, updated from its top down. */
    private static void compress(int v, int[] ancestor, int[] label, int[] semi, int[] stack) {
        int top = 0;
        for (int x = v; ancestor[ancestor[x]] != 0; x = ancestor[x]) stack[top++] = x;
        while (top > 0) {
            int y = stack[--top];
            int a = ancestor[y];
            if (semi[label[a]] < semi[label[y]]) label[y] = label[a];
            ancestor[y] = ancestor[a];
        }
    }
}
