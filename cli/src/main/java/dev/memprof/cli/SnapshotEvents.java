package dev.memprof.cli;

import dev.memprof.analysis.heap.HeapDumpAnalysis;
import dev.memprof.analysis.heap.HeapDumpException;
import dev.memprof.analysis.heap.HeapSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A live heap dump read for what owns and holds the heap (see {@link HeapSnapshot}), as memprof's findings chunk. */
final class SnapshotEvents {
    /**
     * A dump larger than this is not read: reading one takes about four times its size in memprof's heap (a 130 MB dump
     * of 3.3 million objects peaked at 535 MB), and the launcher gives memprof 1 GB.
     */
    static final long MAX_DUMP_BYTES = 256L << 20;

    private SnapshotEvents() {}

    /** Reads {@code dump} (which the caller deletes) and writes what it found as a chunk; returns the chunk's file. */
    static Path chunk(Path dump) throws IOException {
        long started = System.nanoTime(), taken = Files.getLastModifiedTime(dump).toMillis(), size = Files.size(dump);
        if (size > MAX_DUMP_BYTES) {
            return FindingsChunk.note("the heap snapshot at startup's end was not read: its dump is " + (size >> 20)
                    + " MB, over memprof's limit of " + (MAX_DUMP_BYTES >> 20) + " MB (use --no-heap-snapshot to skip the dump)");
        }
        HeapSnapshot snapshot;
        try {
            snapshot = HeapDumpAnalysis.analyse(dump);
        } catch (HeapDumpException e) {
            return FindingsChunk.note("the heap snapshot at startup's end could not be read: " + e.getMessage());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        FindingsChunk chunk = new FindingsChunk();
        HeapSnapshot.Totals totals = snapshot.totals();
        chunk.add(FindingEvents.SNAPSHOT, taken, totals.reachableObjects(), totals.reachableBytes(), totals.ownedByNobodyBytes(), size, millis);
        for (HeapSnapshot.ClassRow row : snapshot.classes()) {
            chunk.add(FindingEvents.HEAP_CLASS, row.name(), row.instances(), row.shallowBytes(), row.ownedBytes(), row.staticBytes());
        }
        for (HeapSnapshot.StaticFieldRow row : snapshot.staticFields()) {
            chunk.add(FindingEvents.STATIC_FIELD, row.className(), row.field(), row.valueClass(), row.retainedBytes());
        }
        for (HeapSnapshot.HolderRow row : snapshot.holders()) {
            chunk.add(FindingEvents.HOLDER, row.ownedClass(), row.holder(), row.holderClass(), row.ownedBytes());
        }
        return chunk.write();
    }
}
