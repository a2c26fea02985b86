package dev.memprof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memprof.testsupport.Samples;
import dev.memprof.testsupport.TargetJdks;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path a user takes: record a real sample JVM with {@code memprof run} or {@code memprof attach},
 * then report it in every format, and compare what the reports say with what the sample knows it allocated.
 */
class RecordAndReportIT {
    static final String SITE_PREFIX = "dev.memprof.samples.AllocationSites.";

    @TempDir
    Path dir;

    @TargetJdks
    void runRecordsFromTheStartAndTheReportsMatchTheTruth(String jdk) throws Exception {
        var run = memprof(dir, "run", "-o", "run.jfr", "--", MemprofProcess.java(jdk), "-cp",
                MemprofProcess.samplesClasses(), "dev.memprof.samples.AllocationSites", "4");
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Long> truth = Samples.allocationTruth(run.out());
        assertEquals(4, truth.size(), run.out());
        long truthTotal = truth.values().stream().mapToLong(Long::longValue).sum();

        Path recording = dir.resolve("run.jfr");
        assertSharesMatch(recording, truth);
        JsonNode json = json(recording);
        long total = json.at("/totals/allocatedBytes").asLong();
        assertTrue(Math.abs(total - truthTotal) < truthTotal * 0.10, "total " + total + " vs truth " + truthTotal);
        assertTrue(json.at("/recording/codeSources").asBoolean(), "the agent recorded code sources");
        // frames are coloured by library: the sample's frames belong to its classes folder, JDK frames to java.base
        Path samples = Path.of(MemprofProcess.samplesClasses());
        String samplesLibrary = samples.toString().endsWith(".jar") ? samples.getFileName().toString() : "samples/target/classes/";
        assertEquals(samplesLibrary, libraryOf(json, SITE_PREFIX + "allocateLargeArrays"));
        assertEquals("java.base", libraryOf(json, "java.lang.Thread.run"));
        assertTextAndHtml(recording, jdk);
        if (jdk.equals("17")) assertPprofIsWrittenAsBytes(recording); // the same on any JDK: the CLI's path, once
    }

    /** pprof's gzip'ed protobuf reaches the file byte for byte (report-templates' tests decode it with pprof's own tools). */
    private void assertPprofIsWrittenAsBytes(Path recording) throws Exception {
        var pprof = memprof(dir, "report", recording.toString(), "--format", "pprof", "-o", "run.pb.gz");
        assertEquals(0, pprof.exitCode(), pprof.err());
        byte[] protobuf;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(dir.resolve("run.pb.gz")))) {
            protobuf = in.readAllBytes(); // a gzip stream sent through a text writer fails its CRC here
        }
        String strings = new String(protobuf, StandardCharsets.ISO_8859_1);
        assertTrue(strings.contains("alloc_space") && strings.contains(SITE_PREFIX + "allocateLargeArrays"), strings);
    }

    @TargetJdks
    void attachRecordsARunningJvmAndTheReportsMatchTheTruth(String jdk) throws Exception {
        Process sample = MemprofProcess.startSample(jdk, "60"); // ended by stopSample once the attach is done
        try {
            var attach = memprof(dir, "attach", Long.toString(sample.pid()), "--duration", "4s", "-o", "attach.jfr");
            assertEquals(0, attach.exitCode(), attach.err());
            assertTrue(sample.isAlive(), "the target keeps running");
            MemprofProcess.stopSample(sample);
            String output = new String(sample.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(sample.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, sample.exitValue(), "the target ends normally");
            // the sample keeps its proportions in every round, so shares in any window equal the totals'
            assertSharesMatch(dir.resolve("attach.jfr"), Samples.allocationTruth(output));
            assertTextAndHtml(dir.resolve("attach.jfr"), jdk);
        } finally {
            sample.destroyForcibly();
        }
    }

    /** Each site's share of bytes, from the collapsed stacks, within 2 points of the truth. */
    private void assertSharesMatch(Path recording, Map<String, Long> truth) throws Exception {
        var collapsed = memprof(dir, "report", recording.toString(), "--format", "collapsed");
        assertEquals(0, collapsed.exitCode(), collapsed.err());
        Map<String, Long> bytesBySite = new HashMap<>();
        long total = 0;
        for (String line : collapsed.out().split("\n")) {
            int space = line.lastIndexOf(' ');
            long bytes = Long.parseLong(line.substring(space + 1));
            total += bytes;
            for (String frame : line.substring(0, space).split(";")) {
                if (frame.startsWith(SITE_PREFIX)) bytesBySite.merge(frame.substring(SITE_PREFIX.length()), bytes, Long::sum);
            }
        }
        long truthTotal = truth.values().stream().mapToLong(Long::longValue).sum();
        for (var site : truth.entrySet()) {
            double share = 100.0 * bytesBySite.getOrDefault(site.getKey(), 0L) / total;
            assertEquals(100.0 * site.getValue() / truthTotal, share, 2.0, site.getKey() + " share of bytes, in " + collapsed.out());
        }
    }

    private JsonNode json(Path recording) throws Exception {
        var result = memprof(dir, "report", recording.toString(), "--format", "json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(1, json.get("schemaVersion").asInt());
        // the payload decodes back into a consistent tree: every allocation row's node chain reaches the root
        JsonNode parents = json.at("/tree/parent");
        for (JsonNode node : json.at("/allocations/node")) {
            int n = node.asInt(), steps = 0;
            while (n != 0 && steps++ < 10_000) n = parents.get(n).asInt();
            assertEquals(0, n);
        }
        return json;
    }

    private static String libraryOf(JsonNode json, String frame) {
        JsonNode names = json.at("/frames/name");
        for (int f = 0; f < names.size(); f++) {
            if (names.get(f).asText().equals(frame)) {
                return json.at("/libraries").get(json.at("/frames/library").get(f).asInt()).asText();
            }
        }
        throw new AssertionError("no frame " + frame);
    }

    private void assertTextAndHtml(Path recording, String jdk) throws Exception {
        var text = memprof(dir, "report", recording.toString());
        assertEquals(0, text.exitCode(), text.err());
        for (String expected : List.of("Top allocation sites", "at " + SITE_PREFIX + "allocateLargeArrays", "Top allocated classes", "byte[]")) {
            assertTrue(text.out().contains(expected), expected + " in " + text.out());
        }
        assertTrue(text.out().contains(jdk.equals("17") ? "(17." : "(25"), "JVM version in " + text.out());

        var html = memprof(dir, "report", recording.toString(), "--html");
        assertEquals(0, html.exitCode(), html.err());
        Path page = Reports.derive(recording, "html");
        String content = Files.readString(page);
        assertTrue(content.contains("allocateLargeArrays") && !content.contains("http://") && !content.contains("https://"),
                "self-contained page with the data");
        var again = memprof(dir, "report", recording.toString(), "--html");
        assertEquals(2, again.exitCode(), "never overwrites without --force");
        assertEquals(0, memprof(dir, "report", recording.toString(), "--html", "--force").exitCode());
    }
}
