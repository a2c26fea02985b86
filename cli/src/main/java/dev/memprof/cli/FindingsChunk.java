package dev.memprof.cli;

import dev.memprof.analysis.jfr.ChunkHeaders;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * memprof's findings ({@link FindingEvents}) as one JFR chunk, written by hand, to be appended to the target's recording.
 * <p>
 * Why not a JFR recording in memprof's own process: the JDK's parser keeps each type's constant pool across a file's
 * chunks by type id, and ids differ between JDK releases (JDK 17's StackTrace is JDK 25's Thread), so a chunk from
 * memprof's JDK 17 appended to a JDK 25 recording made {@code jfr print} on either JDK fail ("Object factory must have
 * struct type"). This chunk declares its types under ids far above any a JVM gives (under 2,000 on JDK 17 and 25),
 * writes strings inline and has no constant pools, so it cannot meet another chunk's pools.
 * <p>
 * Its clock: ticks are nanoseconds from the chunk's start. (JDK 25 converts every chunk's ticks with the first chunk's
 * clock, so there the events' start times are off; the times that matter are fields, e.g. {@code takenEpochMillis}.)
 */
final class FindingsChunk {
    static final long FIRST_TYPE_ID = 1L << 40;
    private static final long LONG = FIRST_TYPE_ID, STRING = FIRST_TYPE_ID + 1, METADATA_ID = FIRST_TYPE_ID;
    private static final byte UTF8 = 3, NULL = 0;

    private final long startNanos = System.currentTimeMillis() * 1_000_000L, started = System.nanoTime();
    private final ByteArrayOutputStream events = new ByteArrayOutputStream();
    private long lastTicks;

    /** Adds an event of {@code type} now, with one value per field: a String (or null) or a Number. */
    void add(FindingEvents.Type type, Object... values) {
        if (values.length != type.fields().size()) throw new IllegalArgumentException(type.name() + " has " + type.fields().size() + " fields");
        lastTicks = System.nanoTime() - started;
        Bytes body = new Bytes();
        body.varlong(typeId(type));
        body.varlong(lastTicks); // startTime
        body.varlong(0); // duration
        for (int i = 0; i < values.length; i++) {
            if (type.fields().get(i).text()) body.string((String) values[i]);
            else body.varlong(((Number) values[i]).longValue());
        }
        body.sizedTo(events);
    }

    /** Writes the chunk to a new temporary file and returns it. */
    Path write() throws IOException {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.write(new byte[ChunkHeaders.HEADER_SIZE]);
        events.writeTo(chunk);
        long constantPools = chunk.size();
        Bytes checkpoint = new Bytes(); // no pools: type 1, start, duration, delta to the next, flush flag, pool count
        checkpoint.varlong(1);
        checkpoint.varlong(0);
        checkpoint.varlong(0);
        checkpoint.varlong(0);
        checkpoint.write(0);
        checkpoint.varlong(0);
        checkpoint.sizedTo(chunk);
        long metadata = chunk.size();
        metadataEvent().sizedTo(chunk);
        byte[] bytes = chunk.toByteArray();
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, ChunkHeaders.HEADER_SIZE);
        header.put(new byte[] {'F', 'L', 'R', 0}).putShort((short) 2).putShort((short) 1).putLong(bytes.length)
                .putLong(constantPools).putLong(metadata).putLong(startNanos).putLong(lastTicks).putLong(0)
                .putLong(1_000_000_000L).putInt(3); // file state 0 (complete); flags: compressed integers, final chunk
        Path file = Files.createTempFile("memprof-findings", ".jfr");
        Files.write(file, bytes);
        return file;
    }

    /** A chunk with one note: why a finding is missing. */
    static Path note(String note) throws IOException {
        FindingsChunk chunk = new FindingsChunk();
        chunk.add(FindingEvents.NOTE, note);
        return chunk.write();
    }

    static Path packagedJars(List<PackagedJars.Jar> jars) throws IOException {
        FindingsChunk chunk = new FindingsChunk();
        for (PackagedJars.Jar jar : jars) chunk.add(FindingEvents.PACKAGED_JAR, jar.location(), jar.bytes());
        return chunk.write();
    }

    private static long typeId(FindingEvents.Type type) {
        return FIRST_TYPE_ID + 2 + FindingEvents.ALL.indexOf(type);
    }

    /** The metadata event: the types as a tree of elements, whose names and values are indexes into a string table. */
    private static Bytes metadataEvent() {
        Element root = new Element("root"), types = root.child("metadata");
        types.child("class").attribute("name", "long").attribute("id", LONG);
        types.child("class").attribute("name", "java.lang.String").attribute("id", STRING);
        for (FindingEvents.Type type : FindingEvents.ALL) {
            Element event = types.child("class").attribute("name", type.name()).attribute("superType", "jdk.jfr.Event")
                    .attribute("id", typeId(type));
            event.child("field").attribute("name", "startTime").attribute("class", LONG);
            event.child("field").attribute("name", "duration").attribute("class", LONG);
            for (FindingEvents.Field field : type.fields()) {
                event.child("field").attribute("name", field.name()).attribute("class", field.text() ? STRING : LONG);
            }
        }
        root.child("region").attribute("locale", "en_US").attribute("gmtOffset", 0).attribute("dst", 0);
        Map<String, Integer> strings = new LinkedHashMap<>();
        root.collect(strings);
        Bytes body = new Bytes();
        body.varlong(0); // type: metadata
        body.varlong(0);
        body.varlong(0);
        body.varlong(METADATA_ID);
        body.varlong(strings.size());
        for (String s : strings.keySet()) body.string(s);
        root.writeTo(body, strings);
        return body;
    }

    /** An element of the metadata tree. */
    private static final class Element {
        final String name;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Element> children = new ArrayList<>();

        Element(String name) {
            this.name = name;
        }

        Element child(String childName) {
            Element child = new Element(childName);
            children.add(child);
            return child;
        }

        Element attribute(String key, Object value) {
            attributes.put(key, String.valueOf(value));
            return this;
        }

        void collect(Map<String, Integer> strings) {
            strings.putIfAbsent(name, strings.size());
            attributes.forEach((k, v) -> {
                strings.putIfAbsent(k, strings.size());
                strings.putIfAbsent(v, strings.size());
            });
            children.forEach(c -> c.collect(strings));
        }

        void writeTo(Bytes out, Map<String, Integer> strings) {
            out.varlong(strings.get(name));
            out.varlong(attributes.size());
            attributes.forEach((k, v) -> {
                out.varlong(strings.get(k));
                out.varlong(strings.get(v));
            });
            out.varlong(children.size());
            children.forEach(c -> c.writeTo(out, strings));
        }
    }

    /** JFR's encodings: LEB128 integers (a ninth byte keeps all 8 bits), strings as UTF-8 with their length first. */
    private static final class Bytes extends ByteArrayOutputStream {
        void varlong(long v) {
            for (int i = 0; i < 8; i++) {
                if ((v & ~0x7FL) == 0) {
                    write((int) v);
                    return;
                }
                write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            write((int) v);
        }

        void string(String s) {
            if (s == null) {
                write(NULL);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            write(UTF8);
            varlong(utf8.length);
            write(utf8, 0, utf8.length);
        }

        /** Writes this as one event: its size (which counts its own bytes) first. */
        void sizedTo(OutputStream out) {
            int size = count + 1;
            while (varlongLength(size) + count != size) size = count + varlongLength(size);
            Bytes prefix = new Bytes();
            prefix.varlong(size);
            try {
                prefix.writeTo(out);
                writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int varlongLength(long v) {
            int length = 1;
            while ((v & ~0x7FL) != 0 && length < 9) {
                v >>>= 7;
                length++;
            }
            return length;
        }
    }
}
