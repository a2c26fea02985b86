package dev.memprof.analysis.jfr;

import dev.memprof.analysis.AllocationTable;
import dev.memprof.analysis.LongIntMap;

import java.util.Arrays;

/**
 * One pass over a chunk's events, on a worker thread. {@code jdk.ObjectAllocationSample} events,
 * millions in a long recording, are summed right away by (stack, thread, class, time bucket) with
 * the chunk's own constant-pool ids, without decoding anything else; other events of interest are
 * only noted by position. The log keeps the order in which the sums' keys and those events first
 * came, so {@link JfrFile} replays them to the sink in the order the JDK's reader would have.
 */
final class ChunkScan {
    static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
    private static final int SKIP = 0, ALLOCATION = 1, GENERIC = 2;

    final Chunk chunk;
    private final Ordinals stacks = new Ordinals(), threads = new Ordinals(), classes = new Ordinals();
    final AllocationTable rows = new AllocationTable();
    /** Entries >= 0: a row of {@link #rows} came; < 0: ~index of a generic event in {@link #events}. */
    private int[] log = new int[256];
    private int logSize;
    private int[] events = new int[64];
    private int eventCount;
    private Metadata.Type allocationType;

    private ChunkScan(Chunk chunk) {
        this.chunk = chunk;
    }

    static ChunkScan scan(Chunk chunk, EventSink sink) {
        ChunkScan scan = new ChunkScan(chunk);
        scan.run(sink);
        return scan;
    }

    private void run(EventSink sink) {
        LongIntMap action = new LongIntMap();
        Metadata.Type sample = chunk.metadata.type(ALLOCATION_SAMPLE);
        AllocationLayout layout = sample == null ? null : AllocationLayout.of(sample);
        if (layout != null) {
            allocationType = sample;
            action.put(sample.id, ALLOCATION);
        }
        for (Metadata.Type type : chunk.metadata.types()) {
            if (type.isEvent() && type != allocationType && sink.wants(type.name)) action.put(type.id, GENERIC);
        }
        long[] values = new long[5];
        int end = chunk.size;
        chunk.pos = Chunk.HEADER_SIZE;
        while (chunk.pos < end) {
            int eventStart = chunk.pos;
            int size = chunk.readVarint();
            if (size <= 0) throw new IllegalStateException("event of size " + size + " at " + eventStart);
            long typeId = chunk.readVarlong();
            int what = action.get(typeId);
            if (what == ALLOCATION) {
                layout.read(chunk, values);
                allocation(values, sink);
            } else if (what == GENERIC) {
                if (eventCount == events.length) events = Arrays.copyOf(events, eventCount * 2);
                events[eventCount] = eventStart;
                append(~eventCount++);
            }
            chunk.pos = eventStart + size;
        }
        if (chunk.pos != end) throw new IllegalStateException("the last event runs past the chunk's end");
    }

    private void allocation(long[] values, EventSink sink) {
        int bucket = sink.bucket(chunk.nanos(values[AllocationLayout.START_TIME]));
        int before = rows.size();
        rows.add(stacks.of(values[AllocationLayout.STACK_TRACE]), threads.of(values[AllocationLayout.THREAD]),
                classes.of(values[AllocationLayout.OBJECT_CLASS]), bucket, values[AllocationLayout.WEIGHT]);
        if (rows.size() > before) append(before);
    }

    /** Dense ordinals for a chunk's constant-pool keys, and back. */
    private static final class Ordinals {
        private final LongIntMap ids = new LongIntMap();
        private long[] keys = new long[64];
        private int size;

        int of(long key) {
            int id = ids.get(key);
            if (id >= 0) return id;
            if (size == keys.length) keys = Arrays.copyOf(keys, size * 2);
            keys[size] = key;
            ids.put(key, size);
            return size++;
        }

        long key(int ordinal) {
            return keys[ordinal];
        }
    }

    private void append(int entry) {
        if (logSize == log.length) log = Arrays.copyOf(log, logSize * 2);
        log[logSize++] = entry;
    }

    /** Feeds the sink what this chunk held, in the order it came. On the thread that owns the sink. */
    void replay(EventSink sink) {
        Metadata.Field stackField = field("stackTrace"), threadField = field("eventThread"), classField = field("objectClass");
        for (int i = 0; i < logSize; i++) {
            int entry = log[i];
            if (entry >= 0) {
                sink.allocation((JfrClass) constant(classField, classes.key(rows.objectClass(entry))),
                        (JfrThread) constant(threadField, threads.key(rows.thread(entry))),
                        (JfrStackTrace) constant(stackField, stacks.key(rows.node(entry))),
                        rows.bucket(entry), rows.bytes(entry), rows.samples(entry));
            } else {
                chunk.pos = events[~entry];
                chunk.readVarint(); // size
                Metadata.Type type = chunk.metadata.type(chunk.readVarlong());
                sink.accept(new ChunkObject(chunk, type, chunk.pos));
            }
        }
        sink.endChunk();
    }

    private Metadata.Field field(String name) {
        return allocationType == null ? null : allocationType.fields.get(allocationType.fieldIndex(name));
    }

    private ChunkObject constant(Metadata.Field field, long key) {
        return chunk.constant(field.type, key);
    }
}
