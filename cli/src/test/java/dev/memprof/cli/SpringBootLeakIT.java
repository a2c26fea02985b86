package dev.memprof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spring Boot sample with a planted per-request leak, recorded by {@code memprof run} under real HTTP load. */
class SpringBootLeakIT {
    static final int LEAK_BYTES = 8192;

    @TempDir
    Path dir;

    /**
     * The same app with 8 KiB kept per request in a static list (AuditTrailFilter.TRAIL): the live set is growing at
     * about the rate leaked, and that field is what holds the live objects; with JDK 17's default collector and with
     * JDK 25's Parallel one (memprof run's own full GCs are the readings under both).
     */
    @ParameterizedTest(name = "JDK {0} {1}")
    @CsvSource({"17, -XX:+UseG1GC", "25, -XX:+UseParallelGC"})
    void aFewKiBLeakedPerRequestIsGrowingWithItsHolder(String jdk, String collector) throws Exception {
        SpringBootSample app = SpringBootSample.plain().plant("leakPerRequest", Integer.toString(LEAK_BYTES)).jvmOption(collector)
                .quickStart();
        SpringBootSample.Recorded run = app.recordUnderLoad(dir, jdk, SpringBootSampleIT.LOAD, SpringBootSampleIT.CLIENTS,
                "-o", "leak.jfr", "--no-heap-snapshot");
        assertEquals(0, run.load().unexpected(), run.load().toString());
        JsonNode json = SpringBootSample.jsonReport(dir, "leak.jfr"), trend = json.at("/trend");
        assertEquals("growing", trend.get("verdict").asText(), trend.toString());
        // the truth: requests sent while the trend's readings were taken (a busy machine serves them unevenly)
        long from = json.at("/recording/startEpochMillis").asLong() + trend.get("fromMillis").asLong();
        long span = trend.get("spanMillis").asLong();
        double truthPerMinute = run.load().requestsBetween(from, from + span) * (LEAK_BYTES + 16.0) * 60_000 / span;
        double rate = trend.get("bytesPerMinute").asDouble();
        assertTrue(rate > truthPerMinute * 0.6 && rate < truthPerMinute * 1.4, "rate " + rate + " vs truth " + truthPerMinute);
        assertEquals("static field " + SpringBootSample.PACKAGE + "AuditTrailFilter.TRAIL",
                json.at("/live/topHolders/0/holder").asText(), json.at("/live/topHolders").toString());
    }

}
