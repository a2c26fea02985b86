package dev.memprof.analysis;

import dev.memprof.testsupport.TargetJdks;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader against ground truth: a sample JVM that knows exactly what each of its threads allocated. */
class ProfileReaderTest {
    @TempDir
    Path dir;

    @TargetJdks
    void sharesAndTotalsMatchWhatTheSampleAllocated(String jdk) throws Exception {
        RecordedSample sample = RecordedSample.record(jdk, dir, "dev.memprof.samples.AllocationSites", "4");
        Map<String, Long> truth = sample.truth();
        assertEquals(4, truth.size(), sample.output);
        long truthTotal = truth.values().stream().mapToLong(Long::longValue).sum();

        Profile profile = ProfileReader.read(sample.recording);
        AllocationTable rows = profile.allocations();
        long total = rows.totalBytes();
        assertTrue(Math.abs(total - truthTotal) < truthTotal * 0.10, "total " + total + " vs truth " + truthTotal);

        for (var site : truth.entrySet()) {
            String frame = "dev.memprof.samples.AllocationSites." + site.getKey();
            long bytes = 0;
            for (int r = 0; r < rows.size(); r++) {
                if (stackContains(profile, rows.node(r), frame)) bytes += rows.bytes(r);
            }
            double share = 100.0 * bytes / total, truthShare = 100.0 * site.getValue() / truthTotal;
            assertEquals(truthShare, share, 2.0, site.getKey() + " share");
        }

        RecordingInfo info = profile.info();
        assertTrue(info.jvmVersion().contains(jdk.equals("17") ? "17." : "25"), info.jvmVersion());
        assertTrue(info.commandLine().contains("dev.memprof.samples.AllocationSites 4"), info.commandLine());
        assertTrue(info.durationNanos() > 1_500_000_000L && info.durationNanos() < 30_000_000_000L, "duration " + info.durationNanos());
        assertTrue(profile.timeline().gcCount() > 0);
        assertTrue(profile.timeline().minHeapAfterGc() > 0);
        // without the agent, JDK frames still know their module and the rest is grouped by package
        int threadRun = profile.frames().find("java.lang.Thread.run");
        assertEquals("java.base", profile.libraries().get(profile.frames().library(threadRun)));
        int site = profile.frames().find("dev.memprof.samples.AllocationSites.allocateLargeArrays");
        assertEquals("dev.memprof.samples.*", profile.libraries().get(profile.frames().library(site)));
        assertFalse(info.codeSources());
        assertTrue(profile.classes().find("byte[]") >= 0, "array classes read as byte[]");
    }

    private static boolean stackContains(Profile profile, int node, String frame) {
        for (int n = node; n != CallTree.ROOT; n = profile.tree().parent(n)) {
            if (profile.frameName(n).equals(frame)) return true;
        }
        return false;
    }
}
