package dev.memprof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spring Boot sample (a bookshop run from its fat jar, ICU4J and jsoup planted) recorded by {@code memprof run
 * --ready-when-http} under real HTTP load, as a user would, on JDK 17 and 25: what is true today and must stay true.
 * The ground truth of which classes loaded from which nested jar is the JVM's own class-load log. One recording per
 * JDK serves every assertion (the sample takes 10-30 s to start on a busy machine).
 */
class SpringBootSampleIT {
    static final Duration LOAD = Duration.ofSeconds(30);
    static final int CLIENTS = 4;
    /** Jars nested in BOOT-INF/lib whose code runs on every request (MVC, Tomcat, Hibernate, H2, Thymeleaf, Jackson 3). */
    static final List<String> REQUEST_PATH_JARS = List.of("spring-webmvc-", "tomcat-embed-core-", "hibernate-core-",
            "h2-", "thymeleaf-", "jackson-databind-");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(strings = {"17", "25"})
    void recordsTheSampleUnderLoadWithItsNestedJarsAsLibraries(String jdk) throws Exception {
        Path classLog = dir.resolve("class-load.txt");
        SpringBootSample app = SpringBootSample.plantAll().jvmOption("-Xlog:class+load=info:file=" + classLog);
        SpringBootSample.Recorded run = app.recordUnderLoad(dir, jdk, LOAD, CLIENTS, SpringBootSample.JSOUP_EVERY, "-o", "spring.jfr");

        // the app ran its planted code and answered every request as it should
        HttpLoad.Result load = run.load();
        assertEquals(0, load.unexpected(), load.toString());
        assertTrue(load.requests() >= SpringBootSample.JSOUP_EVERY, "enough requests for jsoup to be used: " + load);
        assertTrue(run.output().contains("memprof-sample planted unused: ICU4J initialised"), run.output());
        assertTrue(run.output().contains("memprof-sample planted rare: jsoup warmed"), run.output());
        long sanitised = count(run.output(), "memprof-sample planted rare: jsoup sanitised request ");
        // the filter also counts memprof's health polls, so it may have used jsoup once more than the load alone explains
        assertTrue(sanitised >= load.requests() / SpringBootSample.JSOUP_EVERY, sanitised + " sanitised, " + load);
        assertTrue(Files.size(dir.resolve("spring.jfr")) > 0 && !Files.exists(dir.resolve("spring.jfr.part")), run.output());

        // ground truth: the JVM loaded the planted libraries' classes from the jars nested in the fat jar
        List<String> classes = Files.readAllLines(classLog);
        assertTrue(loadedFrom(classes, SpringBootSample.ICU) > 300, "ICU4J initialised for many locales");
        assertTrue(loadedFrom(classes, SpringBootSample.JSOUP) > 100, "jsoup warmed");

        JsonNode json = json("spring.jfr");
        assertEquals("launch", json.at("/startup/mode").asText());
        assertTrue(json.at("/startup/rule").asText().contains(app.healthUrl()), json.at("/startup").toString());
        double startupEnd = json.at("/startup/endMillis").asDouble(), duration = json.at("/recording/durationMillis").asDouble();
        assertTrue(duration - startupEnd >= LOAD.toMillis() * 0.9, "the load comes after startup: " + startupEnd + " of " + duration);
        assertTrue(json.at("/startup/samplesAfterStartup").asLong() > 1000, json.at("/startup").toString());

        // memprof sees the nested jars as libraries, by jar name, not the fat jar as one
        Set<String> libraries = new HashSet<>();
        json.get("libraries").forEach(l -> libraries.add(l.asText()));
        assertTrue(libraries.contains(SpringBootSample.ICU), libraries.toString());
        for (String jar : REQUEST_PATH_JARS) {
            assertTrue(libraries.stream().anyMatch(l -> l.startsWith(jar) && l.endsWith(".jar")), jar + " in " + libraries);
        }
        assertTrue(framesMention(json, SpringBootSample.PACKAGE), "the app's own frames are in the stacks");
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

    private JsonNode json(String recording) throws Exception {
        var report = memprof(dir, "report", recording, "--format", "json", "-o", recording + ".json");
        assertEquals(0, report.exitCode(), report.err());
        JsonNode json = new ObjectMapper().readTree(dir.resolve(recording + ".json").toFile());
        var text = memprof(dir, "report", recording);
        System.out.println(text.out());
        return json;
    }
}
