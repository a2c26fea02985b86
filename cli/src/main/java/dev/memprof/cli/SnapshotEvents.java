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
        return FindingsChunk.write(() -> {
            FindingEvents.Snapshot totals = new FindingEvents.Snapshot();
            totals.takenEpochMillis = taken;
            totals.objects = snapshot.totals().reachableObjects();
            totals.bytes = snapshot.totals().reachableBytes();
            totals.unownedBytes = snapshot.totals().ownedByNobodyBytes();
            totals.dumpBytes = size;
            totals.millis = millis;
            totals.commit();
            for (HeapSnapshot.ClassRow row : snapshot.classes()) {
                FindingEvents.HeapClass event = new FindingEvents.HeapClass();
                event.className = row.name();
                event.instances = row.instances();
                event.shallowBytes = row.shallowBytes();
                event.ownedBytes = row.ownedBytes();
                event.staticBytes = row.staticBytes();
                event.commit();
            }
            for (HeapSnapshot.StaticFieldRow row : snapshot.staticFields()) {
                FindingEvents.StaticField event = new FindingEvents.StaticField();
                event.className = row.className();
                event.field = row.field();
                event.valueClass = row.valueClass();
                event.retainedBytes = row.retainedBytes();
                event.commit();
            }
            for (HeapSnapshot.HolderRow row : snapshot.holders()) {
                FindingEvents.Holder event = new FindingEvents.Holder();
                event.ownedClass = row.ownedClass();
                event.holder = row.holder();
                event.holderClass = row.holderClass();
                event.bytes = row.ownedBytes();
                event.commit();
            }
        });
    }
}
