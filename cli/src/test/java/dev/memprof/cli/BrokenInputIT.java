package dev.memprof.cli;

import dev.memprof.testsupport.TargetJdk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Broken recordings through the real jar, in a small heap: a report of what is intact with one warning line, or
 * exit 2 with one line naming the file; never a stack trace, a hang or an OutOfMemoryError. (The many offsets and
 * mutations run in-process in analysis' BrokenRecordingsTest; these check what a user sees.)
 */
class BrokenInputIT {
    /** 48 MiB at most; initial and young sizes below the launcher's (-Xms128m -Xmn24m), which a JVM refuses above -Xmx. */
    static final List<String> SMALL_HEAP = List.of("-Xms16m", "-Xmn8m", "-Xmx48m", "-XX:-UsePerfData");
    @TempDir
    static Path dir;
    static byte[] recording;

    @BeforeAll
    static void record() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // nobody may enter
        var run = memprof(dir, "run", "-o", "real.jfr", "--", MemprofProcess.java("17"), TargetJdk.C1_ONLY, "-cp", MemprofProcess.samplesClasses(),
                "dev.memprof.samples.AllocationSites", "1");
        assertEquals(0, run.exitCode(), run.err());
        recording = Files.readAllBytes(dir.resolve("real.jfr"));
    }

    @Test
    void aRecordingWhoseLastChunkWasCutReportsTheRestWithOneWarning() throws Exception {
        byte[] two = Arrays.copyOf(recording, recording.length * 2 - recording.length / 3);
        System.arraycopy(recording, 0, two, recording.length, two.length - recording.length);
        Files.write(dir.resolve("cut.jfr"), two);
        var text = memprof(dir, List.of(), SMALL_HEAP, "report", "cut.jfr");
        assertEquals(0, text.exitCode(), text.err());
        assertEquals("", text.err());
        assertEquals(1, text.out().lines().filter(line -> line.startsWith("Warning     the recording's last chunk is incomplete")).count(), text.out());
        assertTrue(text.out().contains("at dev.memprof.samples.AllocationSites.allocateLargeArrays"), text.out());

        var json = memprof(dir, List.of(), SMALL_HEAP, "report", "cut.jfr", "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertTrue(report.at("/recording/warnings/0").asText().contains("incomplete"), json.out());
        assertTrue(report.at("/totals/samples").asLong() > 100, "the complete chunk is reported");
    }

    @Test
    void aRecordingCutInItsOnlyChunkOrDeclaringAnAbsurdSizeIsOneLine() throws Exception {
        Files.write(dir.resolve("half.jfr"), Arrays.copyOf(recording, recording.length / 2));
        assertOneLineError(memprof(dir, List.of(), SMALL_HEAP, "report", "half.jfr"), "half.jfr", "cut short");
        byte[] absurd = recording.clone();
        ByteBuffer.wrap(absurd).putLong(8, Long.MAX_VALUE); // the chunk's size
        Files.write(dir.resolve("absurd.jfr"), absurd);
        assertOneLineError(memprof(dir, List.of(), SMALL_HEAP, "report", "absurd.jfr", "--html"), "absurd.jfr", "damaged");
        assertFalse(Files.exists(dir.resolve("absurd.html")));
    }

    /** An existing output is replaced only with --force, and only by a complete report: a failed one leaves it be. */
    @Test
    void outputsAreReplacedOnlyWithForceAndOnlyWhenComplete() throws Exception {
        Files.write(dir.resolve("out.jfr"), recording);
        Files.writeString(dir.resolve("out.html"), "earlier");
        var refused = memprof(dir, "report", "out.jfr", "--html");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("out.html already exists; use --force"), refused.err());
        assertEquals("earlier", Files.readString(dir.resolve("out.html")));

        Files.write(dir.resolve("out.jfr"), Arrays.copyOf(recording, recording.length / 2));
        assertOneLineError(memprof(dir, "report", "out.jfr", "--html", "--force"), "out.jfr", "cut short");
        assertEquals("earlier", Files.readString(dir.resolve("out.html")), "a failed report replaces nothing");

        Files.write(dir.resolve("out.jfr"), recording);
        var forced = memprof(dir, "report", "out.jfr", "--html", "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(Files.readString(dir.resolve("out.html")).strip().endsWith("</html>"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "no temporary file left");
        }
    }

    /** Seeded damage in a 48 MB heap, each output format in turn: exit 0 with the whole output written, or one line. */
    @Test
    void corruptedRecordingsInASmallHeap() throws Exception {
        Random random = new Random(6);
        List<String> formats = List.of("text", "json", "html", "collapsed");
        int reported = 0;
        for (int i = 0; i < 12; i++) {
            byte[] bytes = recording.clone();
            for (int k = 0; k < 1 + i % 3; k++) {
                int at = ChunkArea.pick(random, bytes.length);
                if (random.nextBoolean()) bytes[at] ^= (byte) (1 + random.nextInt(255));
                else ByteBuffer.wrap(bytes).putLong(Math.min(at, bytes.length - 8), random.nextBoolean() ? Long.MAX_VALUE : -1);
            }
            String name = "damaged-" + i + ".jfr", format = formats.get(i % formats.size()), out = "damaged-" + i + ".out";
            Files.write(dir.resolve(name), bytes);
            var result = memprof(dir, List.of(), SMALL_HEAP, "report", name, "--format", format, "-o", out);
            if (result.exitCode() == 0) {
                reported++;
                assertTrue(Files.size(dir.resolve(out)) > 0, name);
                if (format.equals("json")) new ObjectMapper().readTree(dir.resolve(out).toFile());
                if (format.equals("html")) assertTrue(Files.readString(dir.resolve(out)).strip().endsWith("</html>"), name);
            } else {
                System.out.println(name + " (" + format + "): " + result.err().strip());
                assertOneLineError(result, name, "");
                assertFalse(Files.exists(dir.resolve(out)), name + ": no output from an unreadable recording");
            }
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".part")), "no temporary file left");
            }
        }
        assertTrue(reported > 0, "some damage leaves a readable recording");
    }

    @Test
    void aFileMemprofMayNotRead() throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root"), "needs root, to run memprof as another user");
        Path secret = Files.write(dir.resolve("secret.jfr"), recording);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        var result = memprof(dir, MemprofProcess.AS_NOBODY, SMALL_HEAP, "report", secret.toString());
        assertOneLineError(result, "secret.jfr", "permission denied");
    }

    /** Where damage hurts most: the chunk header, the metadata and constant pools at the chunk's end, or anywhere. */
    static final class ChunkArea {
        static int pick(Random random, int length) {
            return switch (random.nextInt(3)) {
                case 0 -> random.nextInt(68);
                case 1 -> length - 1 - random.nextInt(Math.min(length, 8192));
                default -> random.nextInt(length);
            };
        }
    }

    static void assertOneLineError(MemprofProcess.Result result, String file, String expected) {
        assertEquals(2, result.exitCode(), result.err());
        String err = result.err().strip();
        assertTrue(err.startsWith("memprof report: ") && err.contains(file) && err.contains(expected), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("Error:"), err);
        assertEquals("", result.out());
    }
}
