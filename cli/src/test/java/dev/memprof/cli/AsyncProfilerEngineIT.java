package dev.memprof.cli;

import dev.memprof.testsupport.TargetJdk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memprof.testsupport.Samples;
import dev.memprof.testsupport.TargetJdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.memprof.cli.MemprofProcess.memprof;
import static dev.memprof.cli.RecordAndReportIT.SITE_PREFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --engine async-profiler} and {@code --native}, as a user runs them: the foundation's ground-truth
 * allocation test through async-profiler's agent (run and attach, JDK 17 and 25), both engines against each other,
 * a planted native leak, and the platform rule's error.
 */
class AsyncProfilerEngineIT {
    /**
     * AllocationSites' pace for share comparisons: async-profiler samples once per 512 KiB on average (a Poisson
     * process), so a share's error shrinks with the bytes allocated; 1 GiB/s gives ~8,000 samples in 4 s (at the
     * default 256 MiB/s the large arrays' 60% came out 58.7%, outside 2 points).
     */
    static final String FAST = "1024";
    static final String NATIVE_LEAK = "dev.memprof.samples.NativeLeak";

    @TempDir
    Path dir;

    @TargetJdks
    void runSamplesAllocationsAsTheSampleCountsThem(String jdk) throws Exception {
        var run = memprof(dir, "run", "--engine", "async-profiler", "-o", "run.jfr", "--", MemprofProcess.java(jdk), TargetJdk.C1_ONLY, "-cp",
                MemprofProcess.samplesClasses(), "dev.memprof.samples.AllocationSites", "4", FAST);
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Long> truth = Samples.allocationTruth(run.out());
        assertEquals(4, truth.size(), run.out());
        Path recording = dir.resolve("run.jfr");
        assertSharesMatch(shares(dir, recording), truth, 2.0);

        JsonNode json = json(recording);
        long total = json.at("/totals/allocatedBytes").asLong(), truthTotal = sum(truth);
        assertTrue(Math.abs(total - truthTotal) < truthTotal * 0.10, "total " + total + " vs truth " + truthTotal);
        // JFR's part of the recording: heap over time and where classes came from
        assertTrue(json.at("/totals/gcCount").asInt() > 0, json.at("/totals").toString());
        assertTrue(json.at("/totals/heapAfterGcMaxBytes").asLong() > 0, json.at("/totals").toString());
        assertTrue(json.at("/recording/codeSources").asBoolean());
        assertTrue(json.at("/recording/commandLine").asText().contains("AllocationSites"));
    }

    @TargetJdks
    void attachSamplesARunningJvmAndLeavesNothingRunning(String jdk) throws Exception {
        Process sample = MemprofProcess.startSample(jdk, "60", FAST); // ended by stopSample once both attaches are done
        try {
            var attach = memprof(dir, "attach", Long.toString(sample.pid()), "--engine", "async-profiler", "--duration", "4s",
                    "-o", "attach.jfr");
            assertEquals(0, attach.exitCode(), attach.err());
            assertTrue(sample.isAlive(), "the target keeps running");
            // async-profiler runs one session per JVM: a second one starts only if the first has stopped
            var again = memprof(dir, "attach", Long.toString(sample.pid()), "--engine", "async-profiler", "--duration", "1s",
                    "-o", "again.jfr");
            assertEquals(0, again.exitCode(), again.err());
            MemprofProcess.stopSample(sample);
            String output = new String(sample.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(sample.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, sample.exitValue(), "the target ends normally: " + output);
            assertFalse(output.contains("Profiling"), "async-profiler is quiet in the target's output: " + output);
            assertSharesMatch(shares(dir, dir.resolve("attach.jfr")), Samples.allocationTruth(output), 2.0);
        } finally {
            sample.destroyForcibly();
        }
    }

    @Test
    void bothEnginesGiveTheSameSharesOnTheSameWorkload() throws Exception {
        Map<String, Map<String, Double>> byEngine = new HashMap<>();
        for (String engine : List.of("jfr", "async-profiler")) {
            var run = memprof(dir, "run", "--engine", engine, "-o", engine + ".jfr", "--", MemprofProcess.java("17"), TargetJdk.C1_ONLY, "-cp",
                    MemprofProcess.samplesClasses(), "dev.memprof.samples.AllocationSites", "4", FAST);
            assertEquals(0, run.exitCode(), run.err());
            byEngine.put(engine, shares(dir, dir.resolve(engine + ".jfr")));
        }
        Map<String, Double> jfr = byEngine.get("jfr"), asyncProfiler = byEngine.get("async-profiler");
        System.out.println("shares: jfr " + jfr + ", async-profiler " + asyncProfiler);
        assertEquals(4, jfr.size(), jfr.toString());
        for (String site : jfr.keySet()) {
            assertEquals(jfr.get(site), asyncProfiler.getOrDefault(site, 0.0), 3.0, site + ": " + jfr + " vs " + asyncProfiler);
        }
    }

    @TargetJdks
    void nativeFindsThePlantedLeakAmongFreedChurn(String jdk) throws Exception {
        var run = memprof(dir, "run", "--native", "-o", "native.jfr", "--", MemprofProcess.java(jdk), TargetJdk.C1_ONLY, "-cp",
                MemprofProcess.samplesClasses(), NATIVE_LEAK, "3");
        assertEquals(0, run.exitCode(), run.err());
        Matcher truth = Pattern.compile("leaked=(\\d+) churned=(\\d+)").matcher(run.out());
        assertTrue(truth.find(), run.out());
        long leaked = Long.parseLong(truth.group(1)), churned = Long.parseLong(truth.group(2));
        Path recording = dir.resolve("native.jfr");

        JsonNode nativeMemory = json(recording).get("native");
        JsonNode top = nativeMemory.at("/topUnfreed/0");
        assertTrue(stack(top).contains(NATIVE_LEAK + ".leak"), "top native leak: " + top);
        long leakedSeen = 0, churnMalloced = 0, churnUnfreed = 0;
        for (JsonNode site : nativeMemory.get("topUnfreed")) {
            if (stack(site).contains(NATIVE_LEAK + ".leak")) leakedSeen += site.get("bytes").asLong();
            if (stack(site).contains(NATIVE_LEAK + ".churn")) churnUnfreed += site.get("bytes").asLong();
        }
        for (JsonNode site : nativeMemory.get("topMalloc")) {
            if (stack(site).contains(NATIVE_LEAK + ".churn")) churnMalloced += site.get("bytes").asLong();
        }
        // every malloc is recorded (nativemem interval 0): the counts are exact, up to the blocks in flight at the edges
        assertEquals(leaked, leakedSeen, 2 * 65536, "leaked bytes");
        assertEquals(churned, churnMalloced, 2 * 65536, "churned bytes");
        assertTrue(churnUnfreed <= 65536, "churn frees what it mallocs: " + churnUnfreed);

        var text = memprof(dir, "report", recording.toString(), "--view", "native");
        assertEquals(0, text.exitCode(), text.err());
        String notFreed = text.out().substring(text.out().indexOf("Not freed by the end"));
        assertTrue(notFreed.indexOf("at " + NATIVE_LEAK + ".leak") < notFreed.indexOf("  2. "), text.out());
        assertTrue(notFreed.contains("at os::malloc"), "native frames by symbol: " + text.out());

        var collapsed = memprof(dir, "report", recording.toString(), "--view", "native", "--format", "collapsed");
        assertEquals(0, collapsed.exitCode(), collapsed.err());
        String largest = collapsed.out().lines().max((a, b) -> Long.compare(value(a), value(b))).orElseThrow();
        assertTrue(largest.contains(NATIVE_LEAK + ".leak;") || largest.contains(NATIVE_LEAK + ".leak "), largest);
    }

    @Test
    void aPlatformWithoutTheLibraryGetsOneLineAndExitCode2() throws Exception {
        for (String command : List.of("run", "attach")) {
            List<String> memprof = MemprofProcess.command(List.of("-Dos.arch=s390x"), command, "--engine", "async-profiler");
            memprof.addAll(command.equals("run") ? List.of("--", MemprofProcess.java("17"), "-version")
                    : List.of(Long.toString(ProcessHandle.current().pid())));
            var result = MemprofProcess.run(dir, memprof, 60);
            assertEquals(command.equals("run") ? ExitCode.RUN_FAILED : ExitCode.USAGE, result.exitCode(), result.err());
            assertEquals("memprof " + command + ": async-profiler has no library for Linux s390x (it ships for Linux x64,"
                    + " Linux arm64 and macOS); use --engine jfr", result.err().strip());
        }
        var jfrNative = memprof(dir, "run", "--engine", "jfr", "--native", "--", MemprofProcess.java("17"), "-version");
        assertEquals(ExitCode.RUN_FAILED, jfrNative.exitCode());
        assertEquals(1, jfrNative.err().strip().lines().count(), jfrNative.err());
    }

    /** Each AllocationSites site's share of the bytes, in percent, from the collapsed stacks. */
    static Map<String, Double> shares(Path dir, Path recording) throws Exception {
        var collapsed = memprof(dir, "report", recording.toString(), "--format", "collapsed");
        assertEquals(0, collapsed.exitCode(), collapsed.err());
        Map<String, Long> bytesBySite = new HashMap<>();
        long total = 0;
        for (String line : collapsed.out().split("\n")) {
            long bytes = value(line);
            total += bytes;
            for (String frame : line.substring(0, line.lastIndexOf(' ')).split(";")) {
                if (frame.startsWith(SITE_PREFIX + "allocate")) bytesBySite.merge(frame.substring(SITE_PREFIX.length()), bytes, Long::sum);
            }
        }
        Map<String, Double> shares = new HashMap<>();
        for (var site : bytesBySite.entrySet()) shares.put(site.getKey(), 100.0 * site.getValue() / total);
        return shares;
    }

    private static void assertSharesMatch(Map<String, Double> shares, Map<String, Long> truth, double points) {
        assertEquals(4, truth.size(), truth.toString());
        for (var site : truth.entrySet()) {
            assertEquals(100.0 * site.getValue() / sum(truth), shares.getOrDefault(site.getKey(), 0.0), points,
                    site.getKey() + " share of bytes: " + shares + " vs truth " + truth);
        }
    }

    private JsonNode json(Path recording) throws Exception {
        var result = memprof(dir, "report", recording.toString(), "--format", "json");
        assertEquals(0, result.exitCode(), result.err());
        return new ObjectMapper().readTree(result.out());
    }

    private static String stack(JsonNode site) {
        return site == null || site.get("stack") == null ? "" : site.get("stack").toString();
    }

    private static long value(String collapsedLine) {
        return Long.parseLong(collapsedLine.substring(collapsedLine.lastIndexOf(' ') + 1));
    }

    private static long sum(Map<String, Long> truth) {
        return truth.values().stream().mapToLong(Long::longValue).sum();
    }
}
