package dev.memprof.analysis;

import dev.memprof.analysis.jfr.ChunkHeaders;
import dev.memprof.testsupport.TargetJdk;
import dev.memprof.testsupport.TargetJdks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Real JDK 17 and 25 recordings cut at many offsets, damaged by a seeded fuzzer, and given chunk headers that
 * declare absurd sizes. Every read ends in bounded time, without much memory, with either a profile (a warning
 * saying what was skipped when the reader noticed) or one {@link RecordingException} line naming the file;
 * nothing else (no other exception, no StackOverflowError, no OutOfMemoryError).
 */
class BrokenRecordingsTest {
    private static final Duration PER_READ = Duration.ofSeconds(20);
    /** Far above what reading a damaged 100 KB recording needs; an absurd size believed would exceed it. */
    private static final long MAX_ALLOCATED_BYTES = 512L << 20;

    @TempDir
    static Path dir;
    /** One real recording per JDK: its bytes (one chunk) and the samples it holds. */
    static final Map<String, byte[]> chunk = new ConcurrentHashMap<>();
    static final Map<String, Long> samples = new ConcurrentHashMap<>();

    @BeforeAll
    static void record() throws Exception {
        for (String jdk : TargetJdk.versions().toList()) {
            Path jdkDir = Files.createDirectories(dir.resolve("jdk" + jdk));
            RecordedSample sample = RecordedSample.record(jdk, jdkDir, "dev.memprof.samples.AllocationSites", "1");
            chunk.put(jdk, Files.readAllBytes(sample.recording));
            Profile whole = ProfileReader.read(sample.recording);
            assertEquals(1, whole.info().chunks(), "a short recording is one chunk");
            assertTrue(whole.allocations().totalSamples() > 100, "the sample allocates");
            samples.put(jdk, whole.allocations().totalSamples());
        }
    }

    /**
     * Two chunks (JFR files are sequences of chunks) cut at ~50 offsets: inside the first chunk it is one error line;
     * at the boundary it is the first chunk, whole; inside the second it is the first chunk whole and one warning.
     */
    @TargetJdks
    void cutAtAnyOffset(String jdk) {
        byte[] one = chunk.get(jdk);
        byte[] two = concat(one, one);
        int n = one.length;
        TreeSet<Integer> offsets = new TreeSet<>(List.of(1, 3, 4, 8, 16, 67, 68, 69, 100, n - 1, n, n + 1, n + 4, n + 67,
                n + 68, n + 69, 2 * n - 1));
        Random random = new Random(17);
        while (offsets.size() < 50) offsets.add(1 + random.nextInt(2 * n - 1));
        for (int offset : offsets) {
            Path cut = write("cut-" + jdk + "-" + offset + ".jfr", Arrays.copyOf(two, offset));
            Object result = readBounded(cut, "cut at " + offset + " of " + two.length);
            if (offset < n) {
                assertTrue(result instanceof RecordingException e && e.getMessage().contains("cut short"),
                        "cut at " + offset + ": " + result);
            } else {
                Profile profile = (Profile) result;
                assertEquals(samples.get(jdk), profile.allocations().totalSamples(), "cut at " + offset + ": the first chunk, whole");
                List<String> incomplete = profile.info().warnings().stream().filter(w -> w.contains("incomplete")).toList();
                assertEquals(offset == n ? 0 : 1, incomplete.size(), "cut at " + offset + ": " + profile.info().warnings());
            }
        }
    }

    /** ~200 seeded mutations of real recordings: bytes flipped, fields overwritten with extreme values, ranges zeroed. */
    @Test
    void corruptedBytesNeverEscapeAsAnythingButAProfileOrOneLine() {
        Random random = new Random(20261123);
        int profiles = 0, errors = 0;
        List<String> jdks = TargetJdk.versions().toList();
        for (int i = 0; i < 200; i++) {
            String jdk = jdks.get(i % jdks.size());
            byte[] bytes = chunk.get(jdk).clone();
            String mutation = mutate(bytes, random);
            Object result = readBounded(write("fuzz-" + i + ".jfr", bytes), "mutation " + i + " (JDK " + jdk + ", " + mutation + ")");
            if (result instanceof Profile) profiles++; else errors++;
        }
        assertTrue(profiles > 0 && errors > 0, "the fuzzer reaches both outcomes: " + profiles + " profiles, " + errors + " errors");
    }

    /** Chunk headers whose sizes, offsets and times are absurd: never believed, never allocated for, never a hang. */
    @Test
    void headersDeclaringAbsurdSizes() {
        byte[] one = chunk.get("17");
        long[] absurd = {Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, 1, 67, 68, one.length + 1L, Integer.MAX_VALUE, 1L << 40};
        // chunk size, constant pool offset, metadata offset, start nanos, duration nanos, start ticks, ticks per second
        int[] fields = {8, 16, 24, 32, 40, 48, 56};
        for (int field : fields) {
            for (long value : absurd) {
                for (boolean second : new boolean[]{false, true}) {
                    byte[] bytes = second ? concat(one, one) : one.clone();
                    ByteBuffer.wrap(bytes).putLong((second ? one.length : 0) + field, value);
                    String what = (second ? "second" : "first") + " chunk's field at " + field + " = " + value;
                    Object result = readBounded(write("absurd-" + field + "-" + value + "-" + second + ".jfr", bytes), what);
                    if (second) {
                        assertTrue(result instanceof Profile profile && profile.allocations().totalSamples() >= samples.get("17"),
                                what + ": the first chunk is still reported: "
                                        + (result instanceof Profile p ? p.allocations().totalSamples() + " samples, " + p.info().warnings() : result));
                    }
                }
            }
        }
    }

    /** A named pipe nobody writes to, and a device: refused at once, never waited on. */
    @Test
    void filesThatAreNotRegularFiles() throws Exception {
        Path fifo = dir.resolve("pipe.jfr");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (Path file : List.of(fifo, Path.of("/dev/zero"))) {
            Object result = readBounded(file, file.toString());
            assertTrue(result instanceof RecordingException e && e.getMessage().contains("is not a regular file"), file + ": " + result);
        }
    }

    /** Reads {@code file} in bounded time and memory; returns the Profile or the RecordingException, fails on anything else. */
    private static Object readBounded(Path file, String what) {
        return assertTimeoutPreemptively(PER_READ, () -> {
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            Object result;
            try {
                result = ProfileReader.read(file);
            } catch (RecordingException e) {
                assertTrue(e.getMessage().contains(file.getFileName().toString()), what + ": names the file: " + e.getMessage());
                assertFalse(e.getMessage().contains("\n"), what + ": one line: " + e.getMessage());
                result = e;
            } catch (Throwable t) {
                throw new AssertionError(what + ": " + t, t);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < MAX_ALLOCATED_BYTES, what + ": allocated " + (allocated >> 20) + " MiB");
            if (result instanceof Profile profile) {
                assertTrue(profile.info().warnings().stream().noneMatch(w -> w.contains("\n")), what + ": one line per warning");
            }
            return result;
        }, () -> what + ": did not end in " + PER_READ.toSeconds() + " s");
    }

    /** Damages {@code bytes} in place, the way disks, copies and truncated uploads do; says how. */
    private static String mutate(byte[] bytes, Random random) {
        int kind = random.nextInt(4);
        List<String> done = new ArrayList<>();
        switch (kind) {
            case 0 -> { // a few flipped bytes anywhere
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    int at = random.nextInt(bytes.length);
                    bytes[at] ^= (byte) (1 + random.nextInt(255));
                    done.add("flip@" + at);
                }
            }
            case 1 -> { // an extreme number where a size, count or id may be: JFR's varints and fixed fields
                int at = random.nextInt(bytes.length - 9);
                byte[] extreme = random.nextBoolean()
                        ? new byte[]{(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}
                        : ByteBuffer.allocate(8).putLong(random.nextBoolean() ? Long.MAX_VALUE : -1L - random.nextInt(1000)).array();
                System.arraycopy(extreme, 0, bytes, at, extreme.length);
                done.add("extreme@" + at);
            }
            case 2 -> { // a zeroed range, as a sparse or badly copied file has
                int at = random.nextInt(bytes.length);
                int length = Math.min(bytes.length - at, 1 + random.nextInt(4096));
                Arrays.fill(bytes, at, at + length, (byte) 0);
                done.add("zero@" + at + "+" + length);
            }
            default -> { // a byte flipped in the chunk header or the metadata/constant-pool area at the end
                int at = random.nextBoolean() ? random.nextInt(ChunkHeaders.HEADER_SIZE)
                        : bytes.length - 1 - random.nextInt(Math.min(bytes.length, 8192));
                bytes[at] ^= (byte) (1 + random.nextInt(255));
                done.add("flip@" + at);
            }
        }
        return String.join(",", done);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (java.io.IOException e) {
            return fail(e);
        }
    }
}
