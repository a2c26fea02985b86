package dev.memprof.analysis.jfr;

import dev.memprof.analysis.util.LongIntMap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One JFR chunk in memory: its header, metadata and constant pools, and the primitive reads every
 * value is made of. JFR chunks are self-contained (each has its own metadata and constant pools),
 * so chunks are read independently and in parallel. Integers are LEB128 varints, as the JDK and
 * async-profiler write them; floats and doubles are big-endian.
 * <p>
 * Constant pools are indexed, not decoded: per type, key to the position of its value, so a stack
 * trace is decoded only when an event that uses it is first aggregated. Not thread-safe: one
 * thread reads a chunk at a time.
 */
final class Chunk {
    final ByteBuffer buffer;
    /** The chunk's bytes (the buffer's array): the hot loops index it directly. */
    final byte[] data;
    final int size;
    final long startNanos, startTicks;
    /** As the JDK computes it: whole ticks per nanosecond, as a double (TimeConverter), so times match it exactly. */
    private final double ticksPerNano;
    final Metadata metadata;
    private final Map<Long, LongIntMap> pools = new HashMap<>();
    /** The views made so far, by type: stack frames ask for millions of them, so no boxed keys. */
    private final Map<Metadata.Type, Views> resolved = new IdentityHashMap<>();

    /** A type's views by key: the index of each in a list (null: no such constant). */
    final class Views {
        private final Metadata.Type type;
        private final LongIntMap index = new LongIntMap();
        private final ArrayList<ChunkObject> views = new ArrayList<>();

        private Views(Metadata.Type type) {
            this.type = type;
        }

        /** The one view of the constant with that key (so views compare by identity, as the JDK's objects do), or null. */
        ChunkObject of(long key) {
            int i = index.get(key);
            if (i >= 0) return views.get(i);
            int at = constantPosition(type.id, key);
            ChunkObject object = at < 0 ? null : new ChunkObject(Chunk.this, type, at);
            index.put(key, views.size());
            views.add(object);
            return object;
        }
    }
    /** The read position, moved by the read methods. */
    int pos;

    /** Only to read varints from a buffer. */
    Chunk(ByteBuffer varints) {
        buffer = varints;
        data = varints.array();
        size = varints.limit();
        startNanos = startTicks = 0;
        ticksPerNano = 1;
        metadata = null;
    }

    /**
     * @param buffer       the chunk, from its header (index 0) to its end, in a heap buffer
     * @param timeBase     the chunk header whose clock converts this chunk's ticks to time (see {@link JfrFile})
     * @param metadataSeen metadata read from earlier chunks, by the metadata event's bytes after its header: a
     *                     recording's chunks mostly repeat the same metadata, whose reading costs a few milliseconds
     *                     and 2 MB of garbage a chunk
     */
    Chunk(ByteBuffer buffer, ByteBuffer timeBase, Map<MetadataBytes, Metadata> metadataSeen) {
        this.buffer = buffer;
        this.data = buffer.array();
        if (buffer.limit() < ChunkHeaders.HEADER_SIZE || buffer.getInt(0) != ChunkHeaders.MAGIC) throw new IllegalStateException("not a JFR chunk");
        int major = buffer.getShort(4);
        if (major != 1 && major != 2) throw new IllegalStateException("JFR format " + major + " is not supported");
        size = (int) buffer.getLong(8);
        long constantPoolOffset = buffer.getLong(16), metadataOffset = buffer.getLong(24);
        startNanos = timeBase.getLong(32);
        startTicks = timeBase.getLong(48);
        ticksPerNano = timeBase.getLong(56) / 1_000_000_000L;
        if (size > buffer.limit() || metadataOffset <= 0 || metadataOffset >= size || constantPoolOffset <= 0 || constantPoolOffset >= size) {
            throw new IllegalStateException("chunk header is incomplete");
        }
        pos = (int) metadataOffset;
        int metadataSize = readVarint();
        if (metadataSize <= 0 || metadataOffset + metadataSize > size) throw new IllegalStateException("metadata event runs past the chunk's end");
        for (int i = 0; i < 4; i++) skipVarint(); // type, start, duration, id: the start differs in every chunk
        int metadataEnd = (int) metadataOffset + metadataSize;
        if (pos > metadataEnd) throw new IllegalStateException("metadata event runs past its size");
        MetadataBytes body = new MetadataBytes(data, pos, metadataEnd);
        Metadata seen = metadataSeen.get(body);
        if (seen == null) {
            seen = Metadata.read(this, (int) metadataOffset);
            metadataSeen.put(body.copy(), seen);
        }
        metadata = seen;
        indexConstantPools((int) constantPoolOffset);
    }

    /**
     * A metadata event's body, as a key: 2 MB in a JDK recording, so hashed with CRC32 (an intrinsic; ByteBuffer's
     * hash goes byte by byte) and compared with {@link Arrays#equals(byte[], int, int, byte[], int, int)}.
     */
    static final class MetadataBytes {
        private final byte[] data;
        private final int from, to, hash;

        MetadataBytes(byte[] data, int from, int to) {
            this(data, from, to, crc(data, from, to));
        }

        private MetadataBytes(byte[] data, int from, int to, int hash) {
            this.data = data;
            this.from = from;
            this.to = to;
            this.hash = hash;
        }

        private static int crc(byte[] data, int from, int to) {
            CRC32 crc = new CRC32();
            crc.update(data, from, to - from);
            return (int) crc.getValue();
        }

        /** A key of its own, for a map that outlives the chunk's buffer. */
        MetadataBytes copy() {
            return new MetadataBytes(Arrays.copyOfRange(data, from, to), 0, to - from, hash);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MetadataBytes other && hash == other.hash && Arrays.equals(data, from, to, other.data, other.from, other.to);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    long nanos(long ticks) {
        return startNanos + (long) ((ticks - startTicks) / ticksPerNano);
    }

    /**
     * The first tick whose time is {@code epochNanos} or later ({@link #nanos} never decreases as ticks grow), so that
     * a time bucket can be tested by ticks, without a division per sample; Long.MIN_VALUE and MAX_VALUE pass through.
     * {@code otherwise} when the clock is too odd for a near estimate.
     */
    long firstTicksAt(long epochNanos, long otherwise) {
        if (epochNanos == Long.MIN_VALUE || epochNanos == Long.MAX_VALUE) return epochNanos;
        if (!(ticksPerNano >= 1 && ticksPerNano < 1 << 20)) return otherwise;
        long t = startTicks + (long) ((double) (epochNanos - startNanos) * ticksPerNano);
        for (int step = 0; nanos(t) >= epochNanos; step++) {
            if (step == 64) return otherwise;
            t--;
        }
        for (int step = 0; nanos(t) < epochNanos; step++) {
            if (step == 64) return otherwise;
            t++;
        }
        return t;
    }

    long spanNanos(long ticks) {
        return (long) (ticks / ticksPerNano);
    }

    /** Walks the chain of constant-pool events from the header's; a key seen again replaces the earlier value, as in the JDK. */
    private void indexConstantPools(int first) {
        int checkpoint = first;
        long delta;
        do {
            pos = checkpoint;
            int eventSize = readVarint();
            if (readVarlong() != ChunkHeaders.CONSTANT_POOL_TYPE) throw new IllegalStateException("no constant pool event at " + checkpoint);
            readVarlong(); // start
            readVarlong(); // duration
            delta = readVarlong();
            pos++; // flush flag
            int poolCount = readVarint();
            for (int p = 0; p < poolCount; p++) {
                long typeId = readVarlong();
                Metadata.Type type = metadata.type(typeId);
                if (type == null) throw new IllegalStateException("constant pool of an undefined type " + typeId);
                LongIntMap pool = pools.computeIfAbsent(typeId, id -> new LongIntMap());
                int count = readVarint();
                for (int i = 0; i < count; i++) {
                    long key = readVarlong();
                    pool.put(key, pos);
                    if (type.name.equals("java.lang.String")) skipString();
                    else skipFields(type);
                }
            }
            if (pos != checkpoint + eventSize) throw new IllegalStateException("constant pool event at " + checkpoint + " has the wrong size");
            checkpoint += (int) delta;
        } while (delta != 0);
    }

    /** The position of a constant's value, or -1 when the chunk has no such constant. */
    int constantPosition(long typeId, long key) {
        LongIntMap pool = pools.get(typeId);
        return pool == null ? -1 : pool.get(key);
    }

    /** The one view of a constant, or null: see {@link Views#of}. */
    ChunkObject constant(Metadata.Type type, long key) {
        return views(type).of(key);
    }

    /** The views of a type's constants: for a caller that asks for many, without finding the type's each time. */
    Views views(Metadata.Type type) {
        return resolved.computeIfAbsent(type, Views::new);
    }

    /** A string from the string constant pool, or null; leaves the position where it was. */
    String constantString(long stringTypeId, long key) {
        int at = constantPosition(stringTypeId, key);
        if (at < 0) return null;
        int back = pos;
        pos = at;
        String s = readString();
        pos = back;
        return s;
    }

    void skipFields(Metadata.Type type) {
        List<Metadata.Field> fields = type.fields;
        for (int i = 0, n = fields.size(); i < n; i++) skipField(fields.get(i));
    }

    void skipField(Metadata.Field field) {
        int count = field.array ? readVarint() : 1;
        for (int i = 0; i < count; i++) {
            switch (field.kind) {
                case Metadata.VARINT, Metadata.REFERENCE -> skipVarint();
                case Metadata.BYTE -> pos++;
                case Metadata.FLOAT -> pos += 4;
                case Metadata.DOUBLE -> pos += 8;
                case Metadata.STRING -> skipString();
                default -> skipFields(field.type);
            }
        }
    }

    int readVarint() {
        return (int) readVarlong();
    }

    long readVarlong() {
        long value = varlong(data, pos);
        pos = skipVarint(data, pos);
        return value;
    }

    void skipVarint() {
        pos = skipVarint(data, pos);
    }

    /** The varint at {@code p}: 7 bits a byte, low bits first, the 9th byte whole. */
    static long varlong(byte[] data, int p) {
        long result = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            byte next = data[p++];
            result |= (long) (next & 0x7F) << shift;
            if (next >= 0) return result;
        }
        return result | (long) (data[p] & 0xFF) << 56;
    }

    /**
     * Reads {@code count} varints from {@code p} into {@code values}; returns where they end. One
     * loop for all: the hot path of reading a recording, kept in one method so it compiles whole.
     * One-byte varints (ids, mostly) skip the inner loop: a sixth less time with C1, which does not unroll.
     */
    static int varlongs(byte[] data, int p, long[] values, int count) {
        for (int v = 0; v < count; v++) {
            byte next = data[p++];
            long result = next;
            if (next < 0) {
                result &= 0x7F;
                for (int shift = 7; ; shift += 7) {
                    next = data[p++];
                    if (shift == 56) {
                        result |= (long) (next & 0xFF) << 56;
                        break;
                    }
                    result |= (long) (next & 0x7F) << shift;
                    if (next >= 0) break;
                }
            }
            values[v] = result;
        }
        return p;
    }

    /** Where the varint at {@code p} ends. */
    static int skipVarint(byte[] data, int p) {
        for (int i = 0; i < 8; i++) {
            if (data[p++] >= 0) return p;
        }
        return p + 1;
    }

    /** A string in any of JFR's encodings: null, empty, constant pool reference, UTF-8, UTF-16 chars, Latin-1. */
    String readString() {
        byte encoding = data[pos++];
        switch (encoding) {
            case 0:
                return null;
            case 1:
                return "";
            case 2: {
                Metadata.Type stringType = metadata.type("java.lang.String");
                return stringType == null ? null : constantString(stringType.id, readVarlong());
            }
            case 3:
            case 5: {
                int length = readVarint();
                String s = new String(data, pos, length, encoding == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                pos += length;
                return s;
            }
            case 4: {
                char[] chars = new char[readVarint()];
                for (int i = 0; i < chars.length; i++) chars[i] = (char) readVarint();
                return new String(chars);
            }
            default:
                throw new IllegalStateException("unknown string encoding " + encoding + " at " + (pos - 1));
        }
    }

    void skipString() {
        byte encoding = data[pos++];
        switch (encoding) {
            case 0, 1 -> { }
            case 2 -> skipVarint();
            case 3, 5 -> {
                int length = readVarint();
                pos += length;
            }
            case 4 -> {
                int length = readVarint();
                for (int i = 0; i < length; i++) skipVarint();
            }
            default -> throw new IllegalStateException("unknown string encoding " + encoding + " at " + (pos - 1));
        }
    }
}
