package dev.memprof.analysis;

import java.util.Arrays;

/**
 * Native memory (async-profiler's {@code nativemem}: {@code profiler.Malloc}, {@code profiler.Free}): the bytes
 * malloc'ed by stack, and of those what was not freed by the end of the recording.
 * <p>
 * async-profiler buffers events per group of threads, so a free can reach the file before the malloc it frees (or a
 * later malloc of the same address). Per address the latest event by time decides, whatever the order they come in;
 * so memory grows with the distinct addresses seen (bounded by the target's peak of live allocations), not with
 * the number of events. A free of an address never malloc'ed while recording is ignored.
 */
public final class NativeMemory {
    // per stack node: rows
    private final LongIntMap rowOfNode = new LongIntMap();
    private int[] node = new int[64];
    private long[] bytes = new long[64], count = new long[64], unfreedBytes = new long[64], unfreedCount = new long[64];
    private int rows;
    // per address: its latest event (time; the stack node of a malloc, FREED after a free; the malloc's bytes)
    private static final int FREED = -1;
    private final LongIntMap slotOfAddress = new LongIntMap();
    private long[] time = new long[256], weight = new long[256];
    private int[] liveNode = new int[256];
    private int slots;
    private boolean finished;

    void malloc(long epochNanos, long address, int stackNode, long bytesWeight) {
        int row = row(stackNode);
        bytes[row] += bytesWeight;
        count[row]++;
        int slot = slot(address, epochNanos);
        if (slot >= 0) {
            liveNode[slot] = stackNode;
            weight[slot] = bytesWeight;
        }
    }

    void free(long epochNanos, long address) {
        int slot = slot(address, epochNanos);
        if (slot >= 0) liveNode[slot] = FREED;
    }

    /** The address's slot, claimed for an event at {@code epochNanos}; -1 when a later event already decided it. */
    private int slot(long address, long epochNanos) {
        int slot = slotOfAddress.get(address);
        if (slot < 0) {
            slot = slots++;
            if (slot == time.length) {
                time = Arrays.copyOf(time, slot * 2);
                weight = Arrays.copyOf(weight, slot * 2);
                liveNode = Arrays.copyOf(liveNode, slot * 2);
            }
            slotOfAddress.put(address, slot);
        } else if (time[slot] > epochNanos) {
            return -1;
        }
        time[slot] = epochNanos;
        return slot;
    }

    private int row(int stackNode) {
        int row = rowOfNode.get(stackNode);
        if (row >= 0) return row;
        row = rows++;
        if (row == node.length) {
            int n = row * 2;
            node = Arrays.copyOf(node, n);
            bytes = Arrays.copyOf(bytes, n);
            count = Arrays.copyOf(count, n);
            unfreedBytes = Arrays.copyOf(unfreedBytes, n);
            unfreedCount = Arrays.copyOf(unfreedCount, n);
        }
        node[row] = stackNode;
        rowOfNode.put(stackNode, row);
        return row;
    }

    /** After the last event: what is still allocated, by stack. Frees of addresses nobody malloc'ed leave a slot only. */
    void finish() {
        if (finished) return;
        finished = true;
        for (int s = 0; s < slots; s++) {
            if (liveNode[s] == FREED || weight[s] == 0) continue;
            int row = row(liveNode[s]);
            unfreedBytes[row] += weight[s];
            unfreedCount[row]++;
        }
    }

    /** Whether the recording has native memory events at all. */
    public boolean isEmpty() { return rows == 0; }
    /** Rows: one per stack (a {@link CallTree} node) that malloc'ed. */
    public int size() { return rows; }
    public int node(int row) { return node[row]; }
    /** Bytes malloc'ed at this stack while recording (sample weights). */
    public long bytes(int row) { return bytes[row]; }
    /** Sampled mallocs at this stack. */
    public long count(int row) { return count[row]; }
    /** Of {@link #bytes}, what was not freed by the end of the recording. */
    public long unfreedBytes(int row) { return unfreedBytes[row]; }
    public long unfreedCount(int row) { return unfreedCount[row]; }

    public long totalBytes() { return Arrays.stream(bytes, 0, rows).sum(); }
    public long totalUnfreedBytes() { return Arrays.stream(unfreedBytes, 0, rows).sum(); }
}
