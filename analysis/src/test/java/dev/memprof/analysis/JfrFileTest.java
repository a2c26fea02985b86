package dev.memprof.analysis;

import dev.memprof.testsupport.ManyEventsSettings;
import dev.memprof.testsupport.Samples;
import dev.memprof.testsupport.TargetJdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * memprof's own JFR reader ({@code jfr.JfrFile}) against the JDK's ({@code jdk.jfr.consumer}) on real
 * recordings: the same profile, down to the order of ids, and the same bytes per stack.
 */
class JfrFileTest {
    /** Recordings made once for the class: each test that only reads or rewrites one shares it. */
    @TempDir
    static Path recordings;
    private static final Map<String, Path> RECORDED = new java.util.HashMap<>();

    @TempDir
    Path dir;

    @TargetJdks
    void readsWhatTheJdkReadsFromARecordingOfManyChunks(String jdk) throws Exception {
        Path recording = record(jdk, "dev.memprof.samples.AllocationSites", "3");
        Profile fast = ProfileReader.read(recording, false), reference = ProfileReader.read(recording, true);
        assertTrue(reference.info().chunks() >= 2, "chunks: " + reference.info().chunks());
        // thousands of samples (about 10,000 on a quiet machine, fewer on a busy one: the sample is paced, not spinning)
        assertTrue(reference.allocations().totalSamples() > 2_000, "samples: " + reference.allocations().totalSamples());
        // live objects are compared too, but not required: this sample keeps 0 to 6 of JFR's old-object samples alive
        assertSame(reference, fast);
        // a time window: allocations only in it, names read from all
        TimeRange middle = TimeRange.parse("1s", "2s");
        Profile fastWindow = ProfileReader.read(recording, middle, false), referenceWindow = ProfileReader.read(recording, middle, true);
        assertTrue(referenceWindow.allocations().totalSamples() < reference.allocations().totalSamples());
        assertSame(referenceWindow, fastWindow);
    }

    /**
     * What users record: the JDK's {@code profile} settings (execution samples, locks, I/O, GC phases, ...) with the
     * allocation events turned up (the sampler unthrottled, the TLAB events on, with stacks), and stacks deeper than
     * the depth JFR keeps ({@code DeepStacks}, 602 frames, cut at 128).
     */
    @TargetJdks
    void readsWhatTheJdkReadsFromARecordingWithTheJdksProfileSettingsAndDeepStacks(String jdk) throws Exception {
        Path allocations = Files.writeString(dir.resolve("allocations.jfc"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0" label="allocations" description="the allocation events turned up">
                  <event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting>
                    <setting name="stackTrace">true</setting><setting name="throttle">off</setting></event>
                  <event name="jdk.ObjectAllocationInNewTLAB"><setting name="enabled">true</setting><setting name="stackTrace">true</setting></event>
                  <event name="jdk.ObjectAllocationOutsideTLAB"><setting name="enabled">true</setting><setting name="stackTrace">true</setting></event>
                </configuration>
                """);
        Path recording = dir.resolve("profile-" + jdk + ".jfr");
        Samples.run(jdk, List.of("-XX:FlightRecorderOptions=stackdepth=128,maxchunksize=1M", "-XX:TLABSize=4k", "-XX:-ResizeTLAB",
                "-XX:StartFlightRecording=filename=" + recording + ",settings=profile,settings=" + allocations),
                "dev.memprof.samples.DeepStacks", List.of("1"), 60);
        Profile fast = ProfileReader.read(recording, false), reference = ProfileReader.read(recording, true);
        assertTrue(reference.allocations().totalSamples() > 1_000, "samples: " + reference.allocations().totalSamples());
        int deepest = 0;
        for (int n = 0; n < reference.tree().size(); n++) deepest = Math.max(deepest, reference.tree().depth(n));
        assertEquals(128, deepest, "stacks cut at 128 frames");
        assertSame(reference, fast);
    }

    @Test
    void readsHostileNamesAsTheJdkDoes() throws Exception {
        Path recording = record("25", "dev.memprof.samples.HostileNames", "1");
        Profile fast = ProfileReader.read(recording, false), reference = ProfileReader.read(recording, true);
        assertTrue(reference.classes().find(dev.memprof.samples.HostileNames.CLASS + "[]") >= 0, reference.classes().asList().toString());
        assertSame(reference, fast);
    }

    @Test
    void readsThreadsThatShareANameAsTheJdkDoes() throws Exception {
        Path recording = record("17", "dev.memprof.samples.SameNamedThreads", "2");
        Profile fast = ProfileReader.read(recording, false), reference = ProfileReader.read(recording, true);
        assertTrue(reference.threads().asList().contains("worker"), reference.threads().asList().toString());
        assertSame(reference, fast);
    }

    @Test
    void readsTheCompleteChunksOfACutRecordingAsTheJdkDoes() throws Exception {
        Path recording = record("17", "dev.memprof.samples.AllocationSites", "3");
        byte[] bytes = Files.readAllBytes(recording);
        // the recording, then half of it again: a last chunk cut short
        byte[] cutBytes = java.util.Arrays.copyOf(bytes, bytes.length + bytes.length / 2);
        System.arraycopy(bytes, 0, cutBytes, bytes.length, bytes.length / 2);
        Path cut = Files.write(dir.resolve("cut.jfr"), cutBytes);
        Profile fast = ProfileReader.read(cut, false), reference = ProfileReader.read(cut, true);
        assertTrue(reference.info().warnings().stream().anyMatch(w -> w.contains("incomplete")));
        assertTrue(reference.allocations().totalSamples() > 0);
        assertSame(reference, fast);
    }

    @Test
    void readsChunksOutOfOrderAsTheJdkDoes() throws Exception {
        Path recording = record("17", "dev.memprof.samples.AllocationSites", "3");
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(recording));
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < bytes.limit(); ) {
            int size = (int) bytes.getLong(at + 8);
            chunks.add(java.util.Arrays.copyOfRange(bytes.array(), at, at + size));
            at += size;
        }
        assertTrue(chunks.size() >= 3, "chunks: " + chunks.size());
        java.util.Collections.reverse(chunks);
        Path reversed = dir.resolve("reversed.jfr");
        try (var out = Files.newOutputStream(reversed)) {
            for (byte[] chunk : chunks) out.write(chunk);
        }
        Profile fast = ProfileReader.read(reversed, false), reference = ProfileReader.read(reversed, true);
        // threads' samples go back in time at each chunk: the allocation rate is no longer the one in order,
        // and the fast reader must feed those chunks' samples one by one to match
        long[] inOrder = ProfileReader.read(recording, true).allocationRate().bytesByBucket();
        assertTrue(!java.util.Arrays.equals(inOrder, reference.allocationRate().bytesByBucket()), "the rate depends on the order");
        assertSame(reference, fast);
    }

    /**
     * Samples are placed in time slots by their ticks (a slot's edges found once, in ticks): with a clock of three
     * ticks a nanosecond (a TSC clock, as some JVMs record), each time is a third of the way from its chunk's start
     * and ticks no longer equal nanoseconds; both readers must still agree, in the whole file and in a window.
     */
    @Test
    void readsAClockOfThreeTicksANanosecondAsTheJdkDoes() throws Exception {
        Path recording = record("17", "dev.memprof.samples.AllocationSites", "3");
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(recording));
        int chunks = 0;
        for (int at = 0; at < bytes.limit(); at += (int) bytes.getLong(at + 8), chunks++) {
            assertEquals(1_000_000_000L, bytes.getLong(at + 56), "ticks per second of chunk " + chunks);
            bytes.putLong(at + 56, 3_000_000_000L);
        }
        assertTrue(chunks >= 2, "chunks: " + chunks);
        Path fastClock = Files.write(dir.resolve("fast-clock.jfr"), bytes.array());
        Profile fast = ProfileReader.read(fastClock, false), reference = ProfileReader.read(fastClock, true);
        assertTrue(reference.allocations().totalSamples() > 2_000, "samples: " + reference.allocations().totalSamples());
        assertSame(reference, fast);
        TimeRange window = TimeRange.parse("300ms", "600ms");
        Profile fastWindow = ProfileReader.read(fastClock, window, false), referenceWindow = ProfileReader.read(fastClock, window, true);
        assertTrue(referenceWindow.allocations().totalSamples() > 0);
        assertTrue(referenceWindow.allocations().totalSamples() < reference.allocations().totalSamples());
        assertSame(referenceWindow, fastWindow);
    }

    private static void assertSame(Profile reference, Profile fast) {
        Map<String, Long> expected = ProfileDump.bytesByStack(reference);
        assertEquals(expected, ProfileDump.bytesByStack(fast), "bytes per stack");
        assertEquals(ProfileDump.of(reference), ProfileDump.of(fast));
    }

    /**
     * Records a sample with many event types on, in 1 MB chunks; small TLABs make many allocation events. A second
     * recording from 1 s to 2 s rotates the chunk as it starts and stops, so there are at least three chunks however
     * busy the machine (by size alone a 5 s run on JDK 25 once made one). Made once per
     * JDK, sample and arguments; tests that change a recording write the changed copy to their own folder.
     */
    private static synchronized Path record(String jdk, String mainClass, String... args) throws Exception {
        String name = mainClass.substring(mainClass.lastIndexOf('.') + 1) + "-" + jdk + "-" + String.join("-", args) + ".jfr";
        Path recording = RECORDED.get(name);
        if (recording != null) return recording;
        Path settings = ManyEventsSettings.write(recordings.resolve("many-events.jfc"));
        recording = recordings.resolve(name);
        Samples.run(jdk, List.of("-XX:FlightRecorderOptions=maxchunksize=1M", "-XX:TLABSize=4k", "-XX:-ResizeTLAB",
                Samples.plainJfr(recording, settings), "-XX:StartFlightRecording=name=rotate,delay=1s,duration=1s"),
                mainClass, List.of(args), 60);
        RECORDED.put(name, recording);
        return recording;
    }
}
