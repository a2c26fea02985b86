package dev.memprof.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BadRecordingTest {
    @TempDir
    Path dir;

    @Test
    void rejectsWhatIsNotARecordingWithOneClearLine() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "hello, not a recording\n");
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        assertMessage(text, "is not a JFR recording");
        assertMessage(empty, "is empty");
        assertMessage(dir.resolve("missing.jfr"), "no such file");
        assertMessage(dir, "is a directory");
    }

    @Test
    void aRecordingWhoseLastChunkIsCutStillReportsTheCompleteChunks() throws Exception {
        RecordedSample sample = RecordedSample.record("17", dir, "dev.memprof.samples.AllocationSites", "1");
        byte[] chunk = Files.readAllBytes(sample.recording);
        long whole = ProfileReader.read(sample.recording).allocations().totalSamples();
        // JFR files are sequences of chunks: one whole chunk followed by half of another
        byte[] cut = java.util.Arrays.copyOf(chunk, chunk.length + chunk.length / 2);
        System.arraycopy(chunk, 0, cut, chunk.length, chunk.length / 2);
        Profile profile = ProfileReader.read(Files.write(dir.resolve("cut.jfr"), cut));
        assertTrue(profile.info().warnings().stream().anyMatch(w -> w.contains("incomplete")), profile.info().warnings().toString());
        assertTrue(profile.allocations().totalSamples() >= whole, "the complete chunk is reported whole");
    }

    @Test
    void aSingleChunkCutShortIsAClearError() throws Exception {
        RecordedSample sample = RecordedSample.record("17", dir, "dev.memprof.samples.AllocationSites", "1");
        byte[] bytes = Files.readAllBytes(sample.recording);
        assertMessage(Files.write(dir.resolve("cut.jfr"), java.util.Arrays.copyOf(bytes, bytes.length / 2)), "cut short");
    }

    private static void assertMessage(Path file, String expected) {
        RecordingException e = assertThrows(RecordingException.class, () -> ProfileReader.read(file));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }
}
