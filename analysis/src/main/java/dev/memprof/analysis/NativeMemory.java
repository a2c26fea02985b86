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
public final class NativeMemory {
    // per (stack node, thread, bucket): rows
    private final LongIntMap rowOfKey = new LongIntMap();
    private int[] node = new int[64], thread = new int[64], bucket = new int[64];
    private long[] bytes = new long[64], count = new long[64], unfreedBytes = new long[64], unfreedCount = new long[64];
    private int rows;
    // per address: its latest event (time; the row of a malloc, FREED after a free; the malloc's bytes)
    private static final int FREED = -1;
    private final LongIntMap slotOfAddress = new LongIntMap();
    private long[] time = new long[256], weight = new long[256];
    private int[] liveRow = new int[256];
    private int slots;
    private boolean finished;

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
        row = rows++;
        if (row == node.length) {
            int n = row * 2;
            node = Arrays.copyOf(node, n);
            thread = Arrays.copyOf(thread, n);
            bucket = Arrays.copyOf(bucket, n);
            bytes = Arrays.copyOf(bytes, n);
            count = Arrays.copyOf(count, n);
            unfreedBytes = Arrays.copyOf(unfreedBytes, n);
            unfreedCount = Arrays.copyOf(unfreedCount, n);
        }
        node[row] = stackNode;
        thread[row] = threadId;
        bucket[row] = bucketId;
        rowOfKey.put(key, row);
        return row;
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
    public boolean isEmpty() { return rows == 0; }
    /** Rows: one per (stack, thread, time bucket) that malloc'ed. */
    public int size() { return rows; }
    /** A {@link CallTree} node. */
    public int node(int row) { return node[row]; }
    /** The malloc'ing thread (the profile's thread table). */
    public int thread(int row) { return thread[row]; }
    /** The {@link Timeline} bucket of the mallocs. */
    public int bucket(int row) { return bucket[row]; }
    /** Bytes malloc'ed at this stack while recording (sample weights). */
    public long bytes(int row) { return bytes[row]; }
    /** Sampled mallocs at this stack. */
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
        for (int r = 0; r < rows; r++) {
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

    public long totalBytes() { return Arrays.stream(bytes, 0, rows).sum(); }
    public long totalUnfreedBytes() { return Arrays.stream(unfreedBytes, 0, rows).sum(); }
}
