package dev.memprof.analysis;

import dev.memprof.analysis.util.LongIntMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Native memory (async-profiler's {@code nativemem}: {@code profiler.Malloc}, {@code profiler.Free}): the bytes
 * malloc'ed by (stack, thread, time bucket of the malloc), and of those what was not freed by the end of the
 * recording. Columns, like {@link AllocationTable}.
 * <p>
 * async-profiler buffers events per group of threads, so a free can reach the file before the malloc it frees (or a
 * later malloc of the same address). Per address the latest event by time decides, whatever the order they come in;
 * so memory grows with the distinct addresses seen (bounded by the target's peak of live allocations), not with
 * the number of events. A free of an address never malloc'ed while recording is ignored.
 */
public final class NativeMemory extends StackRows {
    // per (stack node, thread, bucket): rows, their bytes the bytes malloc'ed
    private final LongIntMap rowOfKey = new LongIntMap();
    private long[] count = new long[64], unfreedBytes = new long[64], unfreedCount = new long[64];
    // per address: its latest event (time; the row of a malloc, FREED after a free; the malloc's bytes)
    private static final int FREED = -1;
    private final LongIntMap slotOfAddress = new LongIntMap();
    private long[] time = new long[256], weight = new long[256];
    private int[] liveRow = new int[256];
    private int slots;
    private boolean finished;

    NativeMemory() {
        super(64);
    }

    void malloc(long epochNanos, long address, int stackNode, int threadId, int bucketId, long bytesWeight) {
        int row = row(stackNode, threadId, bucketId);
        bytes[row] += bytesWeight;
        count[row]++;
        int slot = slot(address, epochNanos);
        if (slot >= 0) {
            liveRow[slot] = row;
            weight[slot] = bytesWeight;
        }
    }

    void free(long epochNanos, long address) {
        int slot = slot(address, epochNanos);
        if (slot >= 0) liveRow[slot] = FREED;
    }

    /** The address's slot, claimed for an event at {@code epochNanos}; -1 when a later event already decided it. */
    private int slot(long address, long epochNanos) {
        int slot = slotOfAddress.get(address);
        if (slot < 0) {
            slot = slots++;
            if (slot == time.length) {
                time = Arrays.copyOf(time, slot * 2);
                weight = Arrays.copyOf(weight, slot * 2);
                liveRow = Arrays.copyOf(liveRow, slot * 2);
            }
            slotOfAddress.put(address, slot);
        } else if (time[slot] > epochNanos) {
            return -1;
        }
        time[slot] = epochNanos;
        return slot;
    }

    private int row(int stackNode, int threadId, int bucketId) {
        // node < 2^32, thread < 2^20 ids, bucket < 2^11 fit the 63 bits below
        long key = ((long) stackNode << 31) | ((long) (threadId & 0xFFFFF) << 11) | (bucketId & 0x7FF);
        int row = rowOfKey.get(key);
        if (row >= 0) return row;
        row = newRow(stackNode, threadId, bucketId);
        rowOfKey.put(key, row);
        return row;
    }

    @Override
    void growOwnColumns(int length) {
        count = Arrays.copyOf(count, length);
        unfreedBytes = Arrays.copyOf(unfreedBytes, length);
        unfreedCount = Arrays.copyOf(unfreedCount, length);
    }

    /** After the last event: what is still allocated, by stack. Frees of addresses nobody malloc'ed leave a slot only. */
    void finish() {
        if (finished) return;
        finished = true;
        for (int s = 0; s < slots; s++) {
            if (liveRow[s] == FREED || weight[s] == 0) continue;
            int row = liveRow[s];
            unfreedBytes[row] += weight[s];
            unfreedCount[row]++;
        }
    }

    /** Whether the recording has native memory events at all. */
    public boolean isEmpty() { return size == 0; }
    /** Sampled mallocs at this stack; {@link #bytes} are the bytes malloc'ed while recording. */
    public long count(int row) { return count[row]; }
    /** Of {@link #bytes}, what was not freed by the end of the recording. */
    public long unfreedBytes(int row) { return unfreedBytes[row]; }
    public long unfreedCount(int row) { return unfreedCount[row]; }

    /** Totals of one stack over threads and time. */
    public record Site(int node, long bytes, long count, long unfreedBytes, long unfreedCount) {}

    /** Per stack, in no particular order. */
    public List<Site> bySite() {
        LongIntMap index = new LongIntMap();
        List<Site> sites = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            int i = index.get(node[r]);
            if (i < 0) {
                index.put(node[r], i = sites.size());
                sites.add(new Site(node[r], 0, 0, 0, 0));
            }
            Site s = sites.get(i);
            sites.set(i, new Site(s.node(), s.bytes() + bytes[r], s.count() + count[r], s.unfreedBytes() + unfreedBytes[r],
                    s.unfreedCount() + unfreedCount[r]));
        }
        return sites;
    }

    public long totalUnfreedBytes() { return total(unfreedBytes); }
}
