package dev.memprof.analysis.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stacks of both recordings merged into one tree by frame name (node 0 is the root), with each node's own
 * normalised value in the base and in the new recording. Frames are matched by name: the two recordings' frame ids
 * have nothing in common.
 */
public final class DiffTree {
    public static final int ROOT = 0;
    public static final int BASE = 0, NEW = 1;

    private record Key(int parent, String name) {}

    private final Map<Key, Integer> nodes = new HashMap<>();
    private final List<String> names = new ArrayList<>(List.of(""));
    private final List<String> libraries = new ArrayList<>(List.of(""));
    private int[] parent = {-1};
    private final double[][] self = {new double[1], new double[1]};

    DiffTree() {}

    /** Adds {@code value} to {@code side} at the stack of frame names (root first) with their libraries. */
    void add(int side, List<String> framesRootFirst, List<String> frameLibraries, double value) {
        int node = ROOT;
        for (int i = 0; i < framesRootFirst.size(); i++) node = child(node, framesRootFirst.get(i), frameLibraries.get(i));
        self[side][node] += value;
    }

    private int child(int parentNode, String name, String library) {
        Integer known = nodes.get(new Key(parentNode, name));
        if (known != null) return known;
        int node = names.size();
        names.add(name);
        libraries.add(library);
        if (node == parent.length) {
            parent = Arrays.copyOf(parent, node * 2);
            self[BASE] = Arrays.copyOf(self[BASE], node * 2);
            self[NEW] = Arrays.copyOf(self[NEW], node * 2);
        }
        parent[node] = parentNode;
        nodes.put(new Key(parentNode, name), node);
        return node;
    }

    public int size() { return names.size(); }
    public int parent(int node) { return parent[node]; }
    public String name(int node) { return names.get(node); }
    public String library(int node) { return libraries.get(node); }

    /** The node's own value (what was allocated at it, not in its callees) on {@code side}, normalised. */
    public double self(int side, int node) { return self[side][node]; }

    /** Whether something was allocated at {@code node} itself in either recording (a stack's leaf). */
    public boolean hasSelf(int node) {
        return self[BASE][node] != 0 || self[NEW][node] != 0;
    }

    /** Each node's value with its callees' ({@code side}), normalised; a parent always comes before its children. */
    public double[] totals(int side) {
        double[] total = Arrays.copyOf(self[side], size());
        for (int n = size() - 1; n > ROOT; n--) total[parent[n]] += total[n];
        return total;
    }

    /** Frame names from the root to {@code node}. */
    public List<String> stack(int node) {
        List<String> stack = new ArrayList<>();
        for (int n = node; n != ROOT; n = parent[n]) stack.add(0, names.get(n));
        return stack;
    }
}
