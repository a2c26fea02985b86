package dev.memprof.cli;

import dev.memprof.analysis.Profile;
import dev.memprof.analysis.ProfileReader;
import dev.memprof.testsupport.TargetJdk;
import dev.memprof.testsupport.TargetJdks;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * memprof's hand-written findings chunk appended to real recordings of JDK 17 and 25 (memprof's own JDK is 17): the
 * JDK's parser on both JDKs ({@code jfr print} and {@code RecordingFile}) and memprof's reader read the target's events
 * and memprof's, values intact. A chunk written by JFR in memprof's JDK 17 made JDK 25 recordings unreadable.
 */
class FindingsChunkTest {
    static final String HOSTILE = "naïve \"<b>\" \u2603 " + "x".repeat(300);

    @TempDir
    Path dir;

    @TargetJdks
    void anAppendedChunkKeepsTheRecordingReadableByTheJdkAndMemprof(String jdk) throws Exception {
        Path recording = dir.resolve("target.jfr");
        var jvm = MemprofProcess.run(dir, List.of(MemprofProcess.java(jdk), "-XX:StartFlightRecording=filename=" + recording,
                "-version"), 60);
        assertEquals(0, jvm.exitCode(), jvm.err());
        int targetEvents = count(recording, "jdk.");

        FindingsChunk chunk = new FindingsChunk();
        chunk.add(FindingEvents.SNAPSHOT, 1_700_000_000_123L, 42L, 1L << 40, 0L, Long.MAX_VALUE, 7L);
        chunk.add(FindingEvents.STATIC_FIELD, "com.example.Catalog", "CACHE", null, 2L << 20);
        chunk.add(FindingEvents.NOTE, HOSTILE);
        Files.write(recording, Files.readAllBytes(chunk.write()), StandardOpenOption.APPEND);
        Files.write(recording, Files.readAllBytes(FindingsChunk.note("second chunk")), StandardOpenOption.APPEND);

        // this JVM's parser (JDK 17)
        assertEquals(targetEvents, count(recording, "jdk."), "the target's events");
        List<RecordedEvent> ours = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().startsWith("memprof.")).toList();
        assertEquals(4, ours.size(), ours.toString());
        assertEquals(Long.MAX_VALUE, ours.get(0).getLong("dumpBytes"));
        assertEquals(1L << 40, ours.get(0).getLong("bytes"));
        assertEquals("CACHE", ours.get(1).getString("field"));
        assertEquals(null, ours.get(1).getString("valueClass"));
        assertEquals(HOSTILE, ours.get(2).getString("note"));

        // both JDKs' jfr tool
        for (String tool : TargetJdk.versions().toList()) {
            String jfr = Path.of(MemprofProcess.java(tool)).resolveSibling("jfr").toString();
            var print = MemprofProcess.run(dir, List.of(jfr, "print", "--events", "memprof.HeapStaticField,jdk.JVMInformation",
                    recording.toString()), 60);
            assertEquals(0, print.exitCode(), "jfr of JDK " + tool + ": " + print.err());
            assertTrue(print.out().contains("field = \"CACHE\"") && print.out().contains("jvmVersion"), print.out());
        }

        // memprof's reader: every chunk read, nothing said to be damaged
        Profile profile = ProfileReader.read(recording);
        assertEquals(1 + 2, profile.info().chunks());
        assertTrue(profile.info().warnings().stream().noneMatch(w -> w.contains("damaged")), profile.info().warnings().toString());
    }

    private static int count(Path recording, String prefix) throws Exception {
        List<String> names = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) names.add(file.readEvent().getEventType().getName());
        }
        return (int) names.stream().filter(n -> n.startsWith(prefix)).count();
    }
}
