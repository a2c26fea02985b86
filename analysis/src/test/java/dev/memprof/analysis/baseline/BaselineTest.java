package dev.memprof.analysis.baseline;

import dev.memprof.analysis.RecordingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineTest {
    @TempDir
    Path dir;

    private static Baseline baseline(long retained, long classes, Map<String, Long> libraryClasses) {
        return baseline(retained, classes, libraryClasses, Map.of());
    }

    private static Baseline baseline(long retained, long classes, Map<String, Long> libraryClasses, Map<String, Long> holders) {
        TreeMap<String, Long> metrics = new TreeMap<>(Map.of("retained", retained, "metaspace", 40L << 20, "classes", classes,
                "allocated", 100L << 20));
        TreeMap<String, TreeMap<String, Long>> libraries = new TreeMap<>();
        libraryClasses.forEach((lib, n) -> libraries.put(lib, new TreeMap<>(Map.of("classes", n, "allocated", 0L, "retained", 0L))));
        TreeMap<String, Long> packages = new TreeMap<>();
        libraryClasses.forEach((lib, n) -> packages.put("pkg." + lib.replaceAll("[^a-z]", ""), n));
        return new Baseline(metrics, libraries, packages, new TreeMap<>(), new TreeMap<>(holders));
    }

    @Test
    void fileRoundTripsWithSortedKeysAndPlainNumbers() throws Exception {
        Baseline b = baseline(123_456_789, 18_245, Map.of("zeta-1.0.jar", 3L, "alpha \"quoted\".jar", 7L));
        String json = BaselineJson.write(b);
        assertTrue(json.indexOf("alpha") < json.indexOf("zeta") && json.indexOf("\"allocated\"") < json.indexOf("\"retained\""), json);
        assertTrue(json.contains("\"retained\": 123456789"), "plain numbers: " + json);
        Path file = dir.resolve("b.json");
        Files.writeString(file, json);
        Baseline read = BaselineJson.read(file);
        assertEquals(b.metrics(), read.metrics());
        assertEquals(b.libraries(), read.libraries());
        assertEquals(b.packages(), read.packages());
        Baseline held = baseline(1, 1, Map.of(), Map.of("static field a.B.C", 1L << 20));
        Files.writeString(file, BaselineJson.write(held));
        assertEquals(held.holders(), BaselineJson.read(file).holders());
    }

    @Test
    void whatGrewIsTheHolderOfTheRetainedGrowthAndOnlyWhenItRegressed() {
        Map<String, Long> before = Map.of("static field com.example.Cache.ENTRIES", 8L << 20, "static field x.Y.z", 1L << 20);
        Baseline base = baseline(100L << 20, 10_000, Map.of("a.jar", 100L), before);
        Map<String, Long> after = new java.util.HashMap<>(before);
        after.put("static field com.example.Catalog.CACHE", 6L << 20); // new
        after.put("static field x.Y.z", (1L << 20) + (100L << 10)); // noise: +100 KiB
        var regressed = BaselineComparison.compare(base, baseline((106L << 20), 10_000, Map.of("a.jar", 100L), after),
                BaselineComparison.DEFAULTS);
        assertTrue(regressed.regressed(), regressed.toString());
        assertEquals(List.of(new BaselineComparison.HolderGrowth("static field com.example.Catalog.CACHE", 0, 6L << 20)), regressed.holders());
        assertEquals(List.of(), regressed.packages());
        // the same growth of a holder within the tolerance of retained heap: nothing is said to have grown
        var within = BaselineComparison.compare(base, baseline((102L << 20), 10_000, Map.of("a.jar", 100L), after),
                BaselineComparison.DEFAULTS);
        assertTrue(!within.regressed() && within.holders().isEmpty() && within.grew().isEmpty(), within.toString());
    }

    @Test
    void badFilesAreNamedWithTheProblem() throws Exception {
        for (String bad : List.of("", "[]", "{\"memprofBaseline\": 2, \"metrics\": {}, \"libraries\": {}}",
                "{\"memprofBaseline\": 1, \"metrics\": {\"retained\": 1.5}, \"libraries\": {}}",
                "{\"memprofBaseline\": 1, \"metrics\": {}", "{\"memprofBaseline\": 1, \"metrics\": {}, \"libraries\": {}} trailing",
                "{".repeat(100))) {
            Path file = dir.resolve("bad.json");
            Files.writeString(file, bad);
            String message = assertThrows(RecordingException.class, () -> BaselineJson.read(file), bad).getMessage();
            assertTrue(message.startsWith(file + " is not a memprof baseline: "), message);
        }
    }

    @Test
    void toleranceIsAShareWithAFloorAndNewLibrariesAreNamed() {
        Baseline base = baseline(100L << 20, 10_000, Map.of("a.jar", 100L));
        var within = BaselineComparison.compare(base, baseline((100L << 20) + (2L << 20), 10_099, Map.of("a.jar", 100L)),
                BaselineComparison.DEFAULTS);
        assertTrue(!within.regressed() && within.grew().isEmpty(), within.toString());
        var grew = BaselineComparison.compare(base, baseline((100L << 20) + (6L << 20), 10_101, Map.of("a.jar", 100L, "new.jar", 1L)),
                BaselineComparison.DEFAULTS);
        assertEquals(List.of("retained", "classes"), grew.rows().stream()
                .filter(r -> r.status() == BaselineComparison.Status.REGRESSED).map(BaselineComparison.Row::metric).toList());
        assertEquals("new.jar", grew.grew().get(0).library());
        assertEquals(List.of(), grew.packages(), "one new class in a new package is under the 5-class floor");
        assertTrue(grew.grew().get(0).isNew());
        // a tiny app: 1% of 50 classes is 0.5, but 10 more classes are allowed
        Baseline tiny = baseline(1L << 20, 50, Map.of());
        assertTrue(!BaselineComparison.compare(tiny, baseline(1L << 20, 60, Map.of()), BaselineComparison.DEFAULTS).regressed());
        assertEquals(3.0, BaselineComparison.parse("retained=3%").get("retained").percent());
        assertThrows(IllegalArgumentException.class, () -> BaselineComparison.parse("heap=3%"));
        assertThrows(IllegalArgumentException.class, () -> BaselineComparison.parse("retained=3"));
    }

    @Test
    void medianOfRuns() {
        Baseline median = Baseline.median(List.of(baseline(10, 1, Map.of("a.jar", 5L)), baseline(30, 3, Map.of()),
                baseline(20, 2, Map.of("a.jar", 7L))));
        assertEquals(20L, median.metrics().get("retained"));
        assertEquals(2L, median.metrics().get("classes"));
        assertEquals(5L, median.libraries().get("a.jar").get("classes"), "missing in a run counts as 0: median of 0, 5, 7");
    }
}
