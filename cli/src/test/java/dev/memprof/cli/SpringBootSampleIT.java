package dev.memprof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spring Boot sample (a bookshop run from its fat jar, ICU4J and jsoup planted, a leak that begins when requests
 * are traced) recorded by {@code memprof run --ready-when-http} under real HTTP load, as a user would, on JDK 17 (G1,
 * the default) and 25 (Parallel): what is true today and must stay true.
 * The ground truth of which classes loaded from which nested jar is the JVM's own class-load log. One recording per
 * JDK serves every assertion (the sample takes 10-30 s to start on a busy machine): a steady phase of load, then a
 * leaking one (every request carries an X-Request-Id, and AuditTrailFilter.TRAIL keeps 8 KiB of each), whose live-set
 * trends are read through --to and --from windows.
 */
class SpringBootSampleIT {
    /** Steady: the trend skips startup and a warm-up of a fifth of what follows (LEAKING included), and needs 6 readings, up to 3 s apart. */
    static final Duration STEADY = Duration.ofSeconds(40), LEAKING = Duration.ofSeconds(24);
    /** 60 requests a second (HttpLoad's default is 100): enough for jsoup's 1 in 500 and MiBs leaked while leaking. */
    static final int CLIENTS = 4, PER_SECOND = 60, LEAK_BYTES = 8192;
    /** Jars nested in BOOT-INF/lib whose code runs on every request (MVC, Tomcat, Hibernate, H2, Thymeleaf, Jackson 3). */
    static final List<String> REQUEST_PATH_JARS = List.of("spring-webmvc-", "tomcat-embed-core-", "hibernate-core-",
            "h2-", "thymeleaf-", "jackson-databind-");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"17, -XX:+UseG1GC, G1Full", "25, -XX:+UseParallelGC, ParallelOld"})
    void recordsTheSampleUnderLoadWithItsNestedJarsAsLibraries(String jdk, String collector, String fullGc) throws Exception {
        Path classLog = dir.resolve("class-load.txt");
        // C1 only, as spring-boot:run starts it: what is loaded, used, retained and leaked does not depend on the JIT
        SpringBootSample app = SpringBootSample.plantAll().plant("leakPerRequest", Integer.toString(LEAK_BYTES))
                .jvmOption(collector).jvmOption("-Xlog:class+load=info:file=" + classLog).quickStart();
        SpringBootSample.Recorded run = app.recordUnderLoad(dir, jdk, () -> List.of(
                HttpLoad.run(app.port, CLIENTS, PER_SECOND, STEADY, SpringBootSample.JSOUP_EVERY),
                HttpLoad.runTraced(app.port, CLIENTS, PER_SECOND, LEAKING)), "-o", "spring.jfr");

        // the app ran its planted code and answered every request as it should
        HttpLoad.Result steady = run.loads().get(0), leaking = run.loads().get(1);
        assertEquals(0, steady.unexpected() + leaking.unexpected(), steady + "; " + leaking);
        assertTrue(steady.requests() >= SpringBootSample.JSOUP_EVERY, "enough requests for jsoup to be used: " + steady);
        assertTrue(run.output().contains("memprof-sample planted unused: ICU4J initialised"), run.output());
        assertTrue(run.output().contains("memprof-sample planted rare: jsoup warmed"), run.output());
        long sanitised = count(run.output(), "memprof-sample planted rare: jsoup sanitised request ");
        // the filter also counts memprof's health polls, so it may have used jsoup once more than the load alone explains
        long requests = steady.requests() + leaking.requests();
        assertTrue(sanitised >= requests / SpringBootSample.JSOUP_EVERY, sanitised + " sanitised, " + requests + " requests");
        assertTrue(Files.size(dir.resolve("spring.jfr")) > 0 && !Files.exists(dir.resolve("spring.jfr.part")), run.output());

        // ground truth: the JVM loaded the planted libraries' classes from the jars nested in the fat jar
        List<String> classes = Files.readAllLines(classLog);
        assertTrue(loadedFrom(classes, SpringBootSample.ICU) > 300, "ICU4J initialised for many locales");
        assertTrue(loadedFrom(classes, SpringBootSample.JSOUP) > 100, "jsoup warmed");

        JsonNode json = SpringBootSample.jsonReport(dir, "spring.jfr");
        assertEquals("launch", json.at("/startup/mode").asText());
        assertTrue(json.at("/startup/rule").asText().contains(app.healthUrl()), json.at("/startup").toString());
        double startupEnd = json.at("/startup/endMillis").asDouble(), duration = json.at("/recording/durationMillis").asDouble();
        assertTrue(duration - startupEnd >= STEADY.plus(LEAKING).toMillis() * 0.9, "the load comes after startup: " + startupEnd + " of " + duration);
        assertTrue(json.at("/startup/samplesAfterStartup").asLong() > 1000, json.at("/startup").toString());

        // memprof sees the nested jars as libraries, by jar name, not the fat jar as one
        Set<String> libraries = new HashSet<>();
        json.get("libraries").forEach(l -> libraries.add(l.asText()));
        assertTrue(libraries.contains(SpringBootSample.ICU), libraries.toString());
        for (String jar : REQUEST_PATH_JARS) {
            assertTrue(libraries.stream().anyMatch(l -> l.startsWith(jar) && l.endsWith(".jar")), jar + " in " + libraries);
        }
        assertTrue(framesMention(json, SpringBootSample.PACKAGE), "the app's own frames are in the stacks");
        assertDeferrable(json.get("deferrable"));
        assertUnusedJars(json.get("unusedJars"), classes);

        long recordingStart = json.at("/recording/startEpochMillis").asLong(), leakStart = leaking.sentEpochMillis()[0];
        assertSteadyIsNotGrowing(SpringBootSample.jsonReport(dir, "spring.jfr", "steady.json", "--to", (leakStart - recordingStart) + "ms"),
                fullGc, startupEnd);
        // from a second into the leaking phase, when every client sends traced requests
        long leakFrom = leakStart + 1000 - recordingStart;
        assertLeakIsGrowingWithItsHolder(SpringBootSample.jsonReport(dir, "spring.jfr", "leaking.json", "--from", leakFrom + "ms"), leaking);
    }

    /** Steady load: the live set, measured only by memprof run's full GCs after startup and warm-up, is flat. */
    private static void assertSteadyIsNotGrowing(JsonNode json, String fullGc, double startupEnd) {
        JsonNode trend = json.get("trend");
        assertEquals("not growing", trend.get("verdict").asText(), "steady load: " + trend);
        assertTrue(trend.get("readings").asInt() >= 6, trend.toString());
        assertEquals(fullGc + " (System.gc())", trend.get("collectors").asText(), "only whole-heap collections: " + trend);
        assertTrue(trend.get("fromMillis").asDouble() > startupEnd, "startup and warm-up left out: " + trend);
    }

    /**
     * 8 KiB kept per traced request in a static list: the live set is growing at about the rate leaked (memprof run's
     * own full GCs are the readings with G1 and Parallel alike), and that field is what holds the live objects.
     */
    private static void assertLeakIsGrowingWithItsHolder(JsonNode json, HttpLoad.Result leaking) {
        JsonNode trend = json.get("trend");
        assertEquals("growing", trend.get("verdict").asText(), trend.toString());
        // the truth: traced requests sent while the trend's readings were taken (a busy machine serves them unevenly)
        long from = json.at("/recording/startEpochMillis").asLong() + trend.get("fromMillis").asLong();
        long span = trend.get("spanMillis").asLong();
        double truthPerMinute = leaking.requestsBetween(from, from + span) * (LEAK_BYTES + 16.0) * 60_000 / span;
        double rate = trend.get("bytesPerMinute").asDouble();
        assertTrue(rate > truthPerMinute * 0.6 && rate < truthPerMinute * 1.4, "rate " + rate + " vs truth " + truthPerMinute);
        assertEquals("static field " + SpringBootSample.PACKAGE + "AuditTrailFilter.TRAIL",
                json.at("/live/topHolders/0/holder").asText(), json.at("/live/topHolders").toString());
    }

    /**
     * The truth: ICU4J, initialised by an eager bean and never used, first; jsoup, used on 1 request in 500,
     * second; nothing used on requests and no framework that drives startup is a candidate; the advice names the beans.
     */
    private static void assertDeferrable(JsonNode deferrable) {
        List<String> ranked = new java.util.ArrayList<>();
        deferrable.forEach(d -> ranked.add(d.get("library").asText()));
        assertTrue(ranked.size() >= 2 && ranked.get(0).equals(SpringBootSample.ICU) && ranked.get(1).equals(SpringBootSample.JSOUP),
                "ICU4J first, jsoup second: " + deferrable);
        for (String library : ranked) {
            assertFalse(REQUEST_PATH_JARS.stream().anyMatch(library::startsWith), "used on requests, not a candidate: " + library);
            assertFalse(library.startsWith("spring-") || library.startsWith("hibernate-") || library.startsWith("tomcat-"),
                    "a framework that drives startup is never advice: " + ranked);
        }
        JsonNode icu = deferrable.get(0), jsoup = deferrable.get(1);
        assertTrue(icu.get("advice").asText().contains("bean " + SpringBootSample.PACKAGE + "TransliterationCatalog"), icu.toString());
        assertTrue(icu.get("advice").asText().startsWith("not seen after startup"), icu.toString());
        assertTrue(jsoup.get("advice").asText().contains("bean " + SpringBootSample.PACKAGE + "SanitizingFilter"), jsoup.toString());
        assertTrue(chainText(icu).contains("TransliterationCatalog.<init>"), icu.toString());
        // the heap snapshot at startup's end: ICU's locale data is megabytes, and its static fields say where it is
        assertTrue(icu.get("retainedBytes").asLong() > 4L << 20, icu.toString());
        assertTrue(icu.get("staticFields").size() > 0 && icu.at("/staticFields/0/holder").asText().startsWith("static field com.ibm.icu."),
                icu.toString());
        assertTrue(icu.get("score").asDouble() > jsoup.get("score").asDouble(), deferrable.toString());
    }

    private static String chainText(JsonNode library) {
        StringBuilder chain = new StringBuilder();
        library.get("loadedBy").forEach(f -> chain.append(f.asText()).append(" > "));
        return chain.toString();
    }

    /** Unused dependencies: exactly the jars nested in the fat jar from which the JVM's class-load log shows no class. */
    private static void assertUnusedJars(JsonNode unusedJars, List<String> classLog) throws Exception {
        Set<String> expected = new java.util.TreeSet<>();
        try (java.util.zip.ZipFile fat = new java.util.zip.ZipFile(SpringBootSample.jar().toFile())) {
            fat.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith("BOOT-INF/lib/") && n.endsWith(".jar"))
                    .map(n -> n.substring("BOOT-INF/lib/".length())).filter(jar -> loadedFrom(classLog, jar) == 0).forEach(expected::add);
        }
        Set<String> reported = new java.util.TreeSet<>();
        unusedJars.forEach(j -> reported.add(j.get("library").asText()));
        assertFalse(expected.isEmpty());
        assertEquals(expected, reported);
    }

    private static boolean framesMention(JsonNode json, String prefix) {
        for (JsonNode f : json.at("/frames/name")) if (f.asText().startsWith(prefix)) return true;
        return false;
    }

    private static long count(String text, String line) {
        return text.lines().filter(l -> l.startsWith(line)).count();
    }

    /** Lines of -Xlog:class+load whose source is the named jar (nested in the fat jar's BOOT-INF/lib). */
    private static long loadedFrom(List<String> log, String jar) {
        Pattern source = Pattern.compile(" source: .*BOOT-INF/lib/" + Pattern.quote(jar));
        return log.stream().filter(l -> source.matcher(l).find()).count();
    }
}
