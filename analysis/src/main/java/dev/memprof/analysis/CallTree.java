package dev.memprof.analysis;

import dev.memprof.analysis.util.LongIntMap;

import java.util.Arrays;

/**
 * Stacks as a trie: node 0 is the root, every other node is (parent node, frame id). A stack is the
 * id of its leaf node, so each unique stack is stored once however often it was sampled.
 */
public final class CallTree {
    public static final int ROOT = 0;
    private int[] parent = new int[256];
    private int[] frame = new int[256];
    private int size = 1;
    // three quarters full: a recording of 100,000 deep stacks has 1.5M nodes, whose map half full took 48 MB (72 while
    // it grew); its lookups are per stack and chunk, not per sample
    private final LongIntMap children = new LongIntMap(3);

    public CallTree() {
        parent[ROOT] = -1;
        frame[ROOT] = -1;
    }

    /** The node for {@code frameId} called from {@code parentNode}, created on first use. */
    public int child(int parentNode, int frameId) {
        long key = ((long) parentNode << 32) | (frameId & 0xFFFFFFFFL);
        int node = children.get(key);
        if (node >= 0) return node;
        if (size == parent.length) {
            parent = Arrays.copyOf(parent, size * 2);
            frame = Arrays.copyOf(frame, size * 2);
        }
        node = size++;
        parent[node] = parentNode;
        frame[node] = frameId;
        children.put(key, node);
        return node;
    }

    public int parent(int node) {
        return parent[node];
    }

    public int frame(int node) {
        return frame[node];
    }

    public int size() {
        return size;
    }

    public int depth(int node) {
        int depth = 0;
        for (int n = node; n != ROOT; n = parent[n]) depth++;
        return depth;
    }

    /** Frame ids of a node's stack, root first. */
    public int[] framesRootFirst(int node) {
        int[] frames = new int[depth(node)];
        int i = frames.length;
        for (int n = node; n != ROOT; n = parent[n]) frames[--i] = frame[n];
        return frames;
    }
}
