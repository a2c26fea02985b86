package dev.memprof.cli;

import dev.memprof.testsupport.TargetJdk;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memprof.testsupport.TargetJdks;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deferrable-libraries report on a sample whose truth is known: ICU4J is initialised at startup and never used,
 * jsoup is used twice a second, Jackson and Guava on every request. Class counts are checked against the JVM's own
 * class-load log.
 */
class DeferrableImportsIT {
    static final String MAIN = "dev.memprof.samples.DeferrableImports";
    static final String ICU = "icu4j-76.1.jar", JSOUP = "jsoup-1.16.1.jar";
    static final Set<String> HOT = Set.of("jackson-databind-2.18.2.jar", "jackson-core-2.18.2.jar", "guava-33.4.0-jre.jar");

    @TempDir
    Path dir;

    @TargetJdks
    void runRanksTheNeverUsedLibraryFirstAndTheRarelyUsedSecond(String jdk) throws Exception {
        Path classLog = dir.resolve("class-load.txt");
        var run = memprof(dir, "run", "--ready-when-log", "^memprof-sample ready$", "-o", "run.jfr", "--",
                MemprofProcess.java(jdk), TargetJdk.C1_ONLY, "-Xlog:class+load=info:file=" + classLog, "-cp", classPath(), MAIN, "6");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("memprof-sample ready"), "the app's output still reaches the terminal: " + run.out());

        JsonNode json = json(dir.resolve("run.jfr"));
        assertEquals("launch", json.at("/startup/mode").asText());
        assertTrue(json.at("/startup/rule").asText().contains("^memprof-sample ready$"), json.at("/startup").toString());
        JsonNode deferrable = json.get("deferrable");
        assertRanking(deferrable);

        JsonNode icu = deferrable.get(0), jsoup = deferrable.get(1);
        assertTrue(chain(icu).contains(MAIN + ".loadTranslations"), "import chain names the initialiser: " + chain(icu));
        assertTrue(chain(jsoup).contains(MAIN + ".loadSanitizer"), "import chain names the initialiser: " + chain(jsoup));
        // ground truth: the JVM's class-load log (ICU is never used after startup, so all its classes load before)
        List<String> log = Files.readAllLines(classLog);
        assertEquals(loadedFrom(log, ICU), icu.get("classesAtStartup").asInt());
        assertEquals(0, icu.get("classesLoadedAfterStartup").asInt());
        assertEquals(0, icu.get("samplesAfterStartup").asInt());
        assertEquals(loadedFrom(log, JSOUP), jsoup.get("classesAtStartup").asInt() + jsoup.get("classesLoadedAfterStartup").asInt());
        assertTrue(icu.get("startupAllocatedBytes").asLong() > 1_000_000, "ICU's transliterator rules take megabytes: " + icu);
        assertTrue(icu.get("metaspaceBytes").asLong() > 0 && icu.get("score").asDouble() > jsoup.get("score").asDouble(), icu.toString());

        var text = memprof(dir, "report", "run.jfr");
        assertTrue(text.out().contains("Deferrable libraries") && text.out().contains("1. ") && text.out().contains(ICU), text.out());
        var html = memprof(dir, "report", "run.jfr", "--html");
        assertEquals(0, html.exitCode(), html.err());
        String page = Files.readString(dir.resolve("run.html"));
        assertTrue(page.indexOf("<summary>" + ICU) > 0 && page.indexOf("<summary>" + ICU) < page.indexOf("<summary>" + JSOUP), "HTML table ranks ICU first");
    }

    @org.junit.jupiter.api.Test
    void withoutARuleStartupEndsWhenClassLoadingSettles() throws Exception {
        var run = memprof(dir, "run", "-o", "detected.jfr", "--", MemprofProcess.java("17"), TargetJdk.C1_ONLY, "-cp", classPath(), MAIN, "5");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = json(dir.resolve("detected.jfr"));
        assertEquals("launch", json.at("/startup/mode").asText());
        assertTrue(json.at("/startup/rule").asText().startsWith("detected"), json.at("/startup").toString());
        double end = json.at("/startup/endMillis").asDouble(), duration = json.at("/recording/durationMillis").asDouble();
        assertTrue(end > 0 && end < duration - 3000, "startup ends before the 5 s of requests: " + end + " of " + duration);
        assertRanking(json.get("deferrable"));
    }

    @TargetJdks
    void attachStillRanksTheNeverUsedLibraryFirstAndSaysWhatItCannotKnow(String jdk) throws Exception {
        // a small young generation: GCs, and with them the metaspace readings costs need, come during a 4 s attach
        Process app = new ProcessBuilder(MemprofProcess.java(jdk), TargetJdk.C1_ONLY, "-Xmn8m", "-cp", classPath(), MAIN, "40")
                .redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("memprof-sample ready", lines.readLine());
            var attach = memprof(dir, "attach", Long.toString(app.pid()), "--duration", "4s", "-o", "attach.jfr");
            assertEquals(0, attach.exitCode(), attach.err());
        } finally {
            app.destroyForcibly();
        }
        JsonNode json = json(dir.resolve("attach.jfr"));
        assertEquals("attach", json.at("/startup/mode").asText());
        assertTrue(json.at("/startup/notes").toString().contains("cannot be known"), json.at("/startup").toString());
        JsonNode deferrable = json.get("deferrable");
        assertEquals(ICU, deferrable.get(0).get("library").asText(), deferrable.toString());
        assertTrue(deferrable.get(0).get("classesAtStartup").asInt() > 100, deferrable.get(0).toString());
        for (JsonNode d : deferrable) assertFalse(HOT.contains(d.get("library").asText()), "in use, not deferrable: " + d);
    }

    private static void assertRanking(JsonNode deferrable) {
        assertTrue(deferrable.size() >= 2, deferrable.toString());
        assertEquals(ICU, deferrable.get(0).get("library").asText(), deferrable.toString());
        assertEquals(JSOUP, deferrable.get(1).get("library").asText(), deferrable.toString());
        for (JsonNode d : deferrable) assertFalse(HOT.contains(d.get("library").asText()), "in use, not deferrable: " + d);
    }

    private static List<String> chain(JsonNode entry) {
        List<String> frames = new ArrayList<>();
        entry.get("loadedBy").forEach(f -> frames.add(f.asText()));
        return frames;
    }

    /** Lines of -Xlog:class+load whose source is the named jar. */
    private static int loadedFrom(List<String> log, String jar) {
        return (int) log.stream().filter(l -> l.contains(" source: ") && l.endsWith("/" + jar)).count();
    }

    private JsonNode json(Path recording) throws Exception {
        var report = memprof(dir, "report", recording.getFileName().toString(), "--format", "json");
        assertEquals(0, report.exitCode(), report.err());
        return new ObjectMapper().readTree(report.out());
    }

    /** The samples' classes and the real libraries Maven copied beside them (samples/target/lib). */
    static String classPath() throws Exception {
        Path classes = Path.of(MemprofProcess.samplesClasses());
        Path lib = classes.resolveSibling("lib");
        assertTrue(Files.isDirectory(lib), "sample libraries missing: " + lib);
        return classes + java.io.File.pathSeparator + lib + "/*";
    }
}
