package dev.memprof.cli;

import dev.memprof.testsupport.TargetJdk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memprof.testsupport.TargetJdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live objects, the live-set trend and time ranges, end to end: samples that leak, stay steady or change their
 * allocation site halfway, recorded with {@code memprof run}/{@code attach} and reported as a user would.
 */
class LeaksIT {
    static final String SAMPLES = "dev.memprof.samples.";
    static final String LEAK_FRAME = SAMPLES + "LeakingService.rememberRequest";
    static final String HOLDER = "static field " + SAMPLES + "LeakingService.REMEMBERED";
    /**
     * What one remembered record keeps alive: a byte[512] (16-byte header) and its slot in the list's array. The heap is
     * small so that GCs come often and JFR's old-object sampler (one sample per TLAB refill, 256 kept) keeps tens of
     * live samples; with a large young generation it keeps only a few.
     */
    static final long BYTES_PER_RECORD = 512 + 16 + 4;
    static final int SECONDS = 18;
    /** Long enough for the JVM's own young collections (and none of the whole heap) on 2 busy cores. */
    static final int DATABASE_SECONDS = 12;

    @TempDir
    Path dir;

    @TargetJdks
    void theLeakIsRankedFirstWithWhatHoldsItAndTheLiveSetGrows(String jdk) throws Exception {
        var run = record(jdk, "leak.jfr", "LeakingService");
        Matcher truth = Pattern.compile("remembered=(\\d+)").matcher(run.out());
        assertTrue(truth.find(), run.out());
        double truthPerMinute = Long.parseLong(truth.group(1)) * BYTES_PER_RECORD * 60.0 / SECONDS;

        JsonNode json = json("leak.jfr");
        JsonNode top = json.at("/live/topStacks/0");
        assertTrue(top.get("stack").toString().contains('"' + LEAK_FRAME + '"'), "the leaking method's stack first: " + json.at("/live/topStacks"));
        assertEquals(HOLDER, top.at("/heldBy/0/holder").asText());
        assertEquals(HOLDER, json.at("/live/topHolders/0/holder").asText());
        assertTrue(top.get("percent").asDouble() > 50, top.toString());
        // among all allocations the leak is small: the garbage around it comes first
        assertEquals(SAMPLES + "LeakingService.renderResponse", json.at("/topSites/0/stack/0").asText());
        assertFalse(json.at("/topSites/0/stack").toString().contains("rememberRequest"));

        JsonNode trend = json.at("/trend");
        assertEquals("growing", trend.get("verdict").asText(), trend.toString());
        double rate = trend.get("bytesPerMinute").asDouble();
        assertTrue(rate > truthPerMinute * 0.7 && rate < truthPerMinute * 1.4, "rate " + rate + " vs truth " + truthPerMinute);

        var text = memprof(dir, "report", "leak.jfr", "--view", "leaks");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("Live set    growing: +"), text.out());
        assertTrue(text.out().contains("at " + LEAK_FRAME) && text.out().contains("held by " + HOLDER), text.out());

        var collapsed = memprof(dir, "report", "leak.jfr", "--view", "leaks", "--format", "collapsed");
        assertEquals(0, collapsed.exitCode(), collapsed.err());
        String biggest = collapsed.out().lines().max((a, b) -> Long.compare(last(a), last(b))).orElseThrow();
        assertTrue(biggest.contains("LeakingService.handleRequest;" + LEAK_FRAME), biggest);
        assertEquals(top.get("samples").asLong(), last(biggest), "one line per stack, the count of live samples last");
    }

    /** Without memprof's own GCs, heap after young collections is never taken for the live set: unknown, not "growing". */
    @Test
    void withoutWholeHeapCollectionsTheTrendIsUnknown() throws Exception {
        recordDatabase("17", "-XX:+UseG1GC", "young.jfr", "--no-live-set-gc");
        JsonNode trend = json("young.jfr").at("/trend");
        assertEquals("unknown", trend.get("verdict").asText(), trend.toString());
        assertEquals(0, trend.get("readings").asInt(), trend.toString());
        assertTrue(trend.get("youngCollections").asInt() > 0, trend.toString());
        var text = memprof(dir, "report", "young.jfr");
        assertTrue(text.out().contains("Live set    unknown: no collection of the whole heap"), text.out());
    }

    @TargetJdks
    void eachHalfOfATwoPhaseRunShowsOnlyItsOwnSite(String jdk) throws Exception {
        var run = memprof(dir, "run", "-o", "phases.jfr", "--", MemprofProcess.java(jdk), TargetJdk.C1_ONLY, "-cp", MemprofProcess.samplesClasses(),
                SAMPLES + "TwoPhases", "3");
        assertEquals(0, run.exitCode(), run.err());
        Matcher switched = Pattern.compile("secondPhaseEpochMillis=(\\d+)").matcher(run.out());
        assertTrue(switched.find(), run.out());
        long switchMillis = Long.parseLong(switched.group(1));
        long offset = switchMillis - json("phases.jfr").at("/recording/startEpochMillis").asLong();

        // the first half as an offset, the second as a local clock time
        assertOnly("firstPhase", "secondPhase", "--to", (offset - 500) + "ms");
        String clock = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault())
                .format(Instant.ofEpochMilli(switchMillis + 500));
        assertOnly("secondPhase", "firstPhase", "--from", clock);
    }

    private void assertOnly(String site, String otherSite, String option, String time) throws Exception {
        var result = memprof(dir, "report", "phases.jfr", "--format", "json", option, time);
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(SAMPLES + "TwoPhases." + site, json.at("/topSites/0/stack/0").asText(), option + " " + time);
        assertFalse(json.get("topSites").toString().contains(otherSite), option + " " + time + ": " + json.get("topSites"));
        assertTrue(json.at("/recording/window").isObject());
        var collapsed = memprof(dir, "report", "phases.jfr", "--format", "collapsed", option, time);
        assertTrue(collapsed.out().contains("TwoPhases." + site + " "), collapsed.out());
        assertFalse(collapsed.out().contains(otherSite), "the flamegraph's stacks hold only " + site);
    }

    @TargetJdks
    void attachAlsoRecordsWhatHoldsTheLeak(String jdk) throws Exception {
        // a small heap, as in the run tests: JFR keeps more live-object samples with a small young generation; the JVM's
        // default JIT: C1 only, JFR kept fewer of them (24 against 60 in one 8 s attach) and twice none had a GC-root path
        Process sample = MemprofProcess.startMain(jdk, List.of("-Xmx64m"), SAMPLES + "LeakingService", "60");
        try {
            var attach = memprof(dir, "attach", Long.toString(sample.pid()), "--duration", "8s", "-o", "attach.jfr");
            assertEquals(0, attach.exitCode(), attach.err());
            assertTrue(sample.isAlive(), "the target keeps running");
        } finally {
            sample.destroyForcibly();
        }
        assertEquals(HOLDER, json("attach.jfr").at("/live/topHolders/0/holder").asText());
    }

    @Test
    void badTimeRangesAreOneLineErrors() throws Exception {
        ReportErrorsIT.assertOneLineError(memprof(dir, "report", "x.jfr", "--from", "1x"), "--from 1x: expected an offset");
        ReportErrorsIT.assertOneLineError(memprof(dir, "report", "x.jfr", "--to", "25:61"), "--to 25:61: a clock time");
    }

    private MemprofProcess.Result record(String jdk, String file, String sample) throws Exception {
        var run = memprof(dir, "run", "-o", file, "--", MemprofProcess.java(jdk), TargetJdk.C1_ONLY, "-Xmx64m", "-cp",
                MemprofProcess.samplesClasses(), SAMPLES + sample, Integer.toString(SECONDS));
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    /** DatabaseService for {@value #DATABASE_SECONDS} s with the default heap, nothing leaked. */
    private MemprofProcess.Result recordDatabase(String jdk, String collector, String file, String... options)
            throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", "-o", file));
        args.addAll(List.of(options));
        args.addAll(List.of("--", MemprofProcess.java(jdk), TargetJdk.C1_ONLY, collector, "-cp", DeferrableImportsIT.classPath(),
                SAMPLES + "DatabaseService", Integer.toString(DATABASE_SECONDS), "0"));
        var run = memprof(dir, args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    private JsonNode json(String recording) throws Exception {
        var result = memprof(dir, "report", recording, "--format", "json");
        assertEquals(0, result.exitCode(), result.err());
        return new ObjectMapper().readTree(result.out());
    }

    private static long last(String collapsedLine) {
        return Long.parseLong(collapsedLine.substring(collapsedLine.lastIndexOf(' ') + 1));
    }
}
