package dev.memprof.analysis.heap;

/**
 * Object id -> node, for ids held in a long[] by node: an open-addressing table of node numbers whose keys are read
 * back from the id array, so the table costs 4 bytes a slot and holds no second copy of the ids.
 */
final class ObjectIndex {
    private final long[] ids;
    private final int[] slots;
    private final int mask;

    /** ids[node] for nodes 1..count (node 0 is the graph's root and has no id); refuses duplicates. */
    ObjectIndex(long[] ids, int count) {
        this.ids = ids;
        int capacity = Integer.highestOneBit(Math.max(4, count) * 2 - 1) << 1;
        slots = new int[capacity];
        mask = capacity - 1;
        for (int node = 1; node <= count; node++) {
            long id = ids[node];
            int i = mix(id) & mask;
            while (slots[i] != 0) {
                if (ids[slots[i]] == id) {
                    throw new HeapDumpException("object id 0x" + Long.toHexString(id) + " is dumped twice (damaged dump?)");
                }
                i = (i + 1) & mask;
            }
            slots[i] = node;
        }
    }

    /** The node of an object id, or 0 when the dump holds no object with that id. */
    int node(long id) {
        if (id == 0) return 0;
        for (int i = mix(id) & mask; ; i = (i + 1) & mask) {
            int node = slots[i];
            if (node == 0 || ids[node] == id) return node;
        }
    }

    /** MurmurHash3's finaliser: addresses differ in few, middle bits, which a multiply alone leaves clustered. */
    private static int mix(long id) {
        long h = (id ^ (id >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return (int) (h ^ (h >>> 33));
    }
}
