package dev.memprof.analysis.jfr;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Chunk#firstTicksAt}: the exact edge of a time slot in ticks, on a real chunk's clock, for several clocks. */
class ChunkClockTest {
    @TempDir
    Path dir;

    @Test
    void firstTicksAtIsTheFirstTickAtOrAfterATime() throws Exception {
        Path file = dir.resolve("tiny.jfr");
        try (Recording recording = new Recording()) {
            recording.start();
            recording.stop();
            recording.dump(file);
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        bytes.limit((int) bytes.getLong(8)); // the first chunk
        Random random = new Random(7);
        for (long ticksPerSecond : new long[]{1_000_000_000L, 2_500_000_000L, 3_000_000_000L, 3_700_000_000L}) {
            bytes.putLong(56, ticksPerSecond);
            Chunk chunk = new Chunk(bytes, bytes, new HashMap<>());
            for (int i = 0; i < 10_000; i++) {
                // around the chunk's start (times before it too, where the division rounds towards zero) and later
                long nanos = chunk.startNanos + (i % 2 == 0 ? random.nextInt(2001) - 1000 : random.nextInt(1 << 30));
                long t = chunk.firstTicksAt(nanos, Long.MAX_VALUE);
                assertTrue(chunk.nanos(t) >= nanos && chunk.nanos(t - 1) < nanos,
                        ticksPerSecond + " ticks/s, " + nanos + " ns: tick " + t + " is not the first at or after it");
            }
            assertEquals(Long.MIN_VALUE, chunk.firstTicksAt(Long.MIN_VALUE, 0));
            assertEquals(Long.MAX_VALUE, chunk.firstTicksAt(Long.MAX_VALUE, 0));
        }
        bytes.putLong(56, 999_999_999L); // under a tick a nanosecond: no estimate, the caller's fallback
        assertEquals(-1, new Chunk(bytes, bytes, new HashMap<>()).firstTicksAt(System.nanoTime(), -1));
    }
}
