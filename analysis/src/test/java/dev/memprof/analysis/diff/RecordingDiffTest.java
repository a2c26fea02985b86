package dev.memprof.analysis.diff;

import dev.memprof.analysis.Profile;
import dev.memprof.analysis.ProfileReader;
import dev.memprof.analysis.RecordedSample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real runs of {@code AllocationSites}, paced (each site's bytes per second fixed), the second with
 * {@code allocateStrings}' budget four times as large: the diff must find that site grown most, and the sample's other
 * sites barely moved. (The JVM's own start-up allocations move too: a thread's first JFR sample weighs all it allocated
 * before, some MiB, on whichever frame it hits; the sample allocates fast enough that this stays small.)
 */
class RecordingDiffTest {
    static final String GROWN = "allocateStrings";
    /** 25 rounds of 4 MiB a second: 100 MiB/s, strings 10 MiB/s in the base run, 40 in the new. */
    static final String MIB_PER_SECOND = "100";
    /**
     * Rates are per second of each recording, which includes the JVM's start and exit; runs of 5 s keep a slow start
     * (0.3 s more in one run than the other on a busy machine) from moving the big sites by more than a few percent.
     */
    static final String SECONDS = "5";
    static RecordedSample baseRun, newRun;
    static Profile base, next;

    @BeforeAll
    static void recordTwoRuns() throws Exception {
        Path dir = Path.of("target", "recording-diff");
        baseRun = RecordedSample.record("17", dir.resolve("base"), List.of(),
                "dev.memprof.samples.AllocationSites", SECONDS, MIB_PER_SECOND);
        newRun = RecordedSample.record("17", dir.resolve("new"), List.of("-Dmemprof.sample.grow=" + GROWN + ":4"),
                "dev.memprof.samples.AllocationSites", SECONDS, MIB_PER_SECOND);
        base = ProfileReader.read(baseRun.recording);
        next = ProfileReader.read(newRun.recording);
    }

    @Test
    void theGrownSiteGrewMostAndTheOthersBarelyMoved() {
        RecordingDiff diff = RecordingDiff.compare(base, next, Normalization.PER_SECOND);
        List<RecordingDiff.Change> sites = RecordingDiff.sites(diff.allocations());
        RecordingDiff.Change top = sites.get(0);
        assertTrue(top.name().endsWith("." + GROWN), "most changed: " + sites);
        // the truth: what the sample's thread allocated, per second of each recording
        double truthRatio = rate(newRun, next) / rate(baseRun, base);
        assertEquals(truthRatio, top.next() / top.base(), truthRatio * 0.15, "growth of " + GROWN + ": " + top);
        for (RecordingDiff.Change other : sites.subList(1, sites.size())) {
            if (!sampleSite(other)) continue;
            assertTrue(Math.abs(other.delta()) < 0.2 * top.delta(), other + " moved against " + top);
        }
    }

    @Test
    void sharesSumToAHundredOnEachSide() {
        RecordingDiff diff = RecordingDiff.compare(base, next, Normalization.SHARES);
        double[] baseTotals = diff.allocations().totals(DiffTree.BASE), newTotals = diff.allocations().totals(DiffTree.NEW);
        assertEquals(100, baseTotals[DiffTree.ROOT], 1e-6);
        assertEquals(100, newTotals[DiffTree.ROOT], 1e-6);
        List<RecordingDiff.Change> sites = RecordingDiff.sites(diff.allocations());
        RecordingDiff.Change top = sites.get(0);
        assertTrue(top.name().endsWith("." + GROWN), top.toString());
        // its share among the sample's four sites (the JVM's start-up allocations are not in the truth)
        double ofSample = sites.stream().filter(RecordingDiffTest::sampleSite).mapToDouble(RecordingDiff.Change::next).sum();
        Map<String, Long> truth = newRun.truth();
        double truthShare = 100.0 * truth.get(GROWN) / truth.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(truthShare, 100 * top.next() / ofSample, 2.0, "share of " + GROWN + " in the new run");
    }

    @Test
    void saysWhichRecordingHasNoLiveObjects() {
        RecordingDiff diff = RecordingDiff.compare(base, next, Normalization.PER_SECOND);
        assertNull(diff.live());
        assertTrue(diff.liveMissing().startsWith("the base recording") && diff.liveMissing().contains("no live-object samples"),
                diff.liveMissing());
    }

    @Test
    void librariesAddUpToTheSites() {
        RecordingDiff diff = RecordingDiff.compare(base, next, Normalization.PER_SECOND);
        double sites = RecordingDiff.sites(diff.allocations()).stream().mapToDouble(RecordingDiff.Change::delta).sum();
        double libraries = RecordingDiff.libraries(diff.allocations()).stream().mapToDouble(RecordingDiff.Change::delta).sum();
        assertEquals(sites, libraries, Math.abs(sites) * 1e-9 + 1e-6);
        double[] base = diff.allocations().totals(DiffTree.BASE), next = diff.allocations().totals(DiffTree.NEW);
        assertEquals(next[DiffTree.ROOT] - base[DiffTree.ROOT], sites, Math.abs(sites) * 1e-9 + 1e-6);
    }

    private static boolean sampleSite(RecordingDiff.Change site) {
        return baseRun.truth().keySet().stream().anyMatch(method -> site.name().endsWith("AllocationSites." + method));
    }

    /** Bytes the grown site's thread allocated, per second of the recording. */
    private static double rate(RecordedSample run, Profile profile) {
        return run.truth().get(GROWN) / (profile.info().durationNanos() / 1e9);
    }
}
