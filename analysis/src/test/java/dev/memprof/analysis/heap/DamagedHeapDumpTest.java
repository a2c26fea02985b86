package dev.memprof.analysis.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged and hostile dumps end in one clear HeapDumpException: no endless loop, no huge allocation, no other error. */
class DamagedHeapDumpTest {
    @TempDir
    Path dir;

    @Test
    void aRealDumpCutAnywhereInItsHeapIsRefused() throws Exception {
        Path dump = dir.resolve("whole.hprof");
        HeapDumpAnalysisTest.runSample("17", dump);
        byte[] bytes = Files.readAllBytes(dump);
        for (int part = 2; part <= 9; part++) {
            Path cut = dir.resolve("cut" + part + ".hprof");
            Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * (part - 1) / part));
            assertRefused(cut, "truncated");
        }
        Files.write(dump, "hello, not a heap dump".getBytes());
        assertRefused(dump, "not an HPROF");
    }

    @Test
    void forgedLengthsAndLoopsAreRefused() throws Exception {
        assertRefused(write(dump(8).segment(s -> s.u1(0x23).id(1).u4(0).u4(-1).u1(BasicType.LONG))), "runs past");
        assertRefused(write(dump(8).segment(s -> s.u1(0x21).id(1).u4(0).id(2).u4(Integer.MAX_VALUE))), "runs past");
        assertRefused(write(dump(8).segment(s -> s.u1(0x22).id(1).u4(0).u4(1 << 30).id(2))), "runs past");
        assertRefused(write(dump(8).record(0x01, 0x7FFF_FFFF, r -> r.id(1))), "runs past the end");
        assertRefused(write(dump(8).segment(s -> s.u1(0x42))), "unknown heap dump sub-record");
        assertRefused(write(dump(8).segment(s -> s.u1(0x23).id(1).u4(0).u4(1).u1(3).u1(0))), "unknown");
        assertRefused(write(dump(3)), "neither 4 nor 8");
        // a class that is its own super class: its fields would be flattened forever
        assertRefused(write(dump(4).segment(s -> classDump(s, 7, 7))), "cycle");
        // two objects with one id
        assertRefused(write(dump(4).segment(s -> {
            classDump(s, 7, 0);
            s.u1(0x21).id(9).u4(0).id(7).u4(0);
            s.u1(0x21).id(9).u4(0).id(7).u4(0);
        })), "dumped twice");
    }

    @Test
    void aWellFormedTinyDumpIsRead() throws Exception {
        HeapDumpAnalysis.Options everyRow = new HeapDumpAnalysis.Options(0, 100, 0, 100, 0, 100, null);
        HeapSnapshot snapshot = HeapDumpAnalysis.analyse(write(dump(4).segment(s -> {
            s.u1(0x05).id(7);
            classDump(s, 7, 0);
            s.u1(0x23).id(9).u4(0).u4(100).u1(BasicType.BYTE);
            for (int i = 0; i < 100; i++) s.u1(i);
            s.u1(0x01).id(9).id(0);
        })), everyRow);
        assertEquals(2, snapshot.totals().objects());
        assertEquals(2, snapshot.totals().reachableObjects());
        assertTrue(snapshot.classes().stream().anyMatch(c -> c.name().equals("byte[]") && c.shallowBytes() == 112), // 32-bit: 12 + 100, aligned
                snapshot::toString);
    }

    private static void classDump(HprofBytes s, long id, long superId) {
        s.u1(0x20).id(id).u4(0).id(superId).id(0).id(0).id(0).id(0).id(0).u4(0).u2(0).u2(0).u2(0);
    }

    private static void assertRefused(Path file, String message) {
        HeapDumpException e = assertThrows(HeapDumpException.class, () -> HeapDumpAnalysis.analyse(file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    private Path write(HprofBytes bytes) throws IOException {
        Path file = Files.createTempFile(dir, "forged", ".hprof");
        Files.write(file, bytes.bytes());
        return file;
    }

    private static HprofBytes dump(int idSize) {
        HprofBytes b = new HprofBytes(idSize);
        for (byte c : "JAVA PROFILE 1.0.2".getBytes()) b.u1(c);
        return b.u1(0).u4(idSize).u4(0).u4(0);
    }

    /** Writes HPROF by hand, so that a test can forge any field. */
    static final class HprofBytes {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);
        private final int idSize;

        HprofBytes(int idSize) {
            this.idSize = idSize;
        }

        HprofBytes u1(int v) {
            return write(() -> out.writeByte(v));
        }

        HprofBytes u2(int v) {
            return write(() -> out.writeShort(v));
        }

        HprofBytes u4(int v) {
            return write(() -> out.writeInt(v));
        }

        HprofBytes id(long v) {
            return idSize == 8 ? write(() -> out.writeLong(v)) : u4((int) v);
        }

        /** A record whose length field says {@code length} whatever the body holds. */
        HprofBytes record(int tag, int length, java.util.function.Consumer<HprofBytes> body) {
            u1(tag).u4(0).u4(length);
            body.accept(this);
            return this;
        }

        /** A heap dump segment with a true length. */
        HprofBytes segment(java.util.function.Consumer<HprofBytes> body) {
            HprofBytes inner = new HprofBytes(idSize);
            body.accept(inner);
            byte[] data = inner.bytes();
            u1(0x1C).u4(0).u4(data.length);
            return write(() -> out.write(data));
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        private HprofBytes write(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        private interface IoAction {
            void run() throws IOException;
        }
    }
}
