package dev.memprof.analysis.heap;

import java.util.Map;

/**
 * A heap dump's objects as a graph in primitive arrays. Node 0 is a virtual root whose edges go to every GC root;
 * nodes 1..n are the dump's objects in file order (class objects included). Edges are CSR: node v's targets are
 * {@code edges[edgeStart[v] .. edgeStart[v+1])}, each with a slot saying which field it came from.
 */
final class HeapGraph {
    /** Slots of edges that are not a numbered field: from an object to its class, a class to its super class... */
    static final short TO_CLASS = -1, SUPER_CLASS = -2, CLASS_LOADER = -3, CLASS_OTHER = -4, LOADED_CLASS = -5,
            ARRAY_ELEMENT = -6;
    /** Shallow sizes are kept in units of the 8-byte object alignment, so an int holds an array of up to 16 GiB. */
    static final int SIZE_UNIT = 8;

    final int nodes;
    final HeapClasses classes;
    /** node -> its class index; a class object holds -(its own class index + 1). */
    final int[] classOf;
    final int[] sizeUnits;
    final int[] edgeStart;
    final int[] edges;
    /**
     * Per edge: for an instance, the index into its class's reference fields; for a class object, the index of the
     * static field; for the root's edges, the {@link GcRootKind} ordinal; else one of the negative constants.
     */
    final short[] slots;
    /** class index -> node of its class object, 0 for the primitive array pseudo classes. */
    final int[] classNode;
    final long[] rootCounts;
    final Map<Long, String> strings;
    final HeapLayout layout;

    HeapGraph(int nodes, HeapClasses classes, int[] classOf, int[] sizeUnits, int[] edgeStart, int[] edges,
              short[] slots, int[] classNode, long[] rootCounts, Map<Long, String> strings, HeapLayout layout) {
        this.nodes = nodes;
        this.classes = classes;
        this.classOf = classOf;
        this.sizeUnits = sizeUnits;
        this.edgeStart = edgeStart;
        this.edges = edges;
        this.slots = slots;
        this.classNode = classNode;
        this.rootCounts = rootCounts;
        this.strings = strings;
        this.layout = layout;
    }

    boolean isClassObject(int node) {
        return classOf[node] < 0;
    }

    /** For a class object, the class it is; for any other object, the class it is an instance of. */
    int classIndex(int node) {
        int c = classOf[node];
        return c < 0 ? -c - 1 : c;
    }

    long shallowSize(int node) {
        return (long) sizeUnits[node] * SIZE_UNIT;
    }

    /** Whether an object can own memory: a class object or an instance of a class the JDK did not define (not an array). */
    boolean applicationSide(int node) {
        if (node == 0) return false;
        int c = classIndex(node);
        return !classes.jdk[c] && (isClassObject(node) || !classes.isArray(c));
    }

    /** The slot of the first edge from one node to another, or null when none goes straight there. */
    Short slotOf(int from, int to) {
        for (int e = edgeStart[from]; e < edgeStart[from + 1]; e++) {
            if (edges[e] == to) return slots[e];
        }
        return null;
    }
}
