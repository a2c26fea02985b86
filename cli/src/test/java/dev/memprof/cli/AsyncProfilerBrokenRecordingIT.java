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
import java.util.Arrays;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken recordings of the async-profiler engine: JFR's chunks, then async-profiler's chunk (or that chunk alone, as
 * async-profiler writes it by itself). Cut short or damaged, {@code memprof report} reports what is intact, with a
 * warning, or fails with one line and exit code 2; never a stack trace.
 */
class AsyncProfilerBrokenRecordingIT {
    @TempDir
    static Path dir;
    static byte[] recording;
    /** Where async-profiler's chunk (the last one) starts. */
    static int asyncChunk;

    @BeforeAll
    static void record() throws Exception {
        var run = memprof(dir, "run", "--engine", "async-profiler", "-o", "whole.jfr", "--", MemprofProcess.java("17"), TargetJdk.C1_ONLY, "-cp",
                MemprofProcess.samplesClasses(), "dev.memprof.samples.AllocationSites", "2");
        assertEquals(0, run.exitCode(), run.err());
        recording = Files.readAllBytes(dir.resolve("whole.jfr"));
        ByteBuffer bytes = ByteBuffer.wrap(recording);
        for (int chunk = 0; chunk < recording.length; chunk += (int) bytes.getLong(chunk + 8)) {
            assertEquals(0x464C5200, bytes.getInt(chunk), "a chunk's magic at " + chunk);
            asyncChunk = chunk;
        }
        assertTrue(asyncChunk > 0, "JFR's chunk, then async-profiler's");
    }

    @Test
    void theWholeRecordingHasBothParts() throws Exception {
        JsonNode json = json(write("whole-copy.jfr", recording));
        assertTrue(json.at("/totals/allocatedBytes").asLong() > 0, "async-profiler's allocations");
        assertTrue(json.at("/totals/gcCount").asInt() > 0, "JFR's heap summaries");
    }

    @Test
    void cutInAsyncProfilersChunkReportsJfrsPartWithAWarning() throws Exception {
        int cut = asyncChunk + (recording.length - asyncChunk) / 2;
        Path file = write("cut.jfr", Arrays.copyOf(recording, cut));
        JsonNode json = json(file);
        assertTrue(json.at("/recording/warnings").toString().contains("incomplete"), json.at("/recording/warnings").toString());
        assertTrue(json.at("/totals/gcCount").asInt() > 0, "JFR's part is intact: " + json.at("/totals"));
        assertTrue(json.at("/recording/codeSources").asBoolean());
        var text = memprof(dir, "report", file.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("Warning     the recording's last chunk is incomplete"), text.out());
    }

    @Test
    void asyncProfilersChunkAloneCutShortIsOneLine() throws Exception {
        byte[] alone = Arrays.copyOfRange(recording, asyncChunk, recording.length);
        JsonNode json = json(write("alone.jfr", alone));
        assertTrue(json.at("/totals/allocatedBytes").asLong() > 0, "async-profiler's chunk is a recording by itself");
        Path cut = write("alone-cut.jfr", Arrays.copyOf(alone, alone.length / 2));
        ReportErrorsIT.assertOneLineError(memprof(dir, "report", cut.toString()), "cut short");
    }

    @Test
    void damageInAsyncProfilersChunkReportsWhatCameBeforeOrIsOneLine() throws Exception {
        // three kinds of damage in async-profiler's chunk: in its events, at its end (constant pools, metadata), in its header
        int[] places = {asyncChunk + (recording.length - asyncChunk) / 3, recording.length - 2048, asyncChunk + 20};
        for (int place : places) {
            byte[] damaged = recording.clone();
            // 0xFF bytes: varints that never end, which no reader can take for events; the earlier pattern (i * 31 + 7)
            // could, by chance, read as events of unknown types and sizes that land back on real ones (failed once)
            Arrays.fill(damaged, place, Math.min(place + 512, damaged.length), (byte) 0xFF);
            for (boolean alone : new boolean[]{false, true}) {
                byte[] bytes = alone ? Arrays.copyOfRange(damaged, asyncChunk, damaged.length) : damaged;
                Path file = write("damaged-" + place + (alone ? "-alone" : "") + ".jfr", bytes);
                for (String format : new String[]{"text", "json", "collapsed", "html"}) {
                    var result = memprof(dir, "report", file.toString(), "--format", format, "--force", "-o", file + "." + format);
                    String err = result.err().strip();
                    assertFalse(err.contains("\tat ") || err.contains("Exception"), format + " at " + place + ": " + err);
                    if (result.exitCode() == 2) {
                        assertEquals(1, err.lines().count(), err);
                        assertTrue(err.startsWith("memprof report: "), err);
                    } else {
                        assertEquals(0, result.exitCode(), format + " at " + place + ": " + err);
                        if (format.equals("text")) {
                            // a damaged header ends the readable part like a cut; damage further in stops the reading
                            String text = Files.readString(Path.of(file + ".text"));
                            assertTrue(text.contains("Warning     stopped reading at a damaged part")
                                    || text.contains("Warning     the recording's last chunk is incomplete"), "the damage is reported at " + place);
                        }
                        if (!alone) {
                            // JFR's chunk is whole: its heap readings are reported whatever happened after it
                            JsonNode json = json(file);
                            assertTrue(json.at("/totals/gcCount").asInt() > 0, "at " + place + ": " + json.at("/totals"));
                        }
                    }
                }
            }
        }
    }

    private static Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static JsonNode json(Path file) throws Exception {
        var result = memprof(dir, "report", file.toString(), "--format", "json");
        assertEquals(0, result.exitCode(), result.err());
        return new ObjectMapper().readTree(result.out());
    }
}
