package dev.memprof.cli;

import dev.memprof.testsupport.TargetJdk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * memprof check against real JVMs: a sample whose switches retain 16 MiB more at startup or load an extra library;
 * the gate must fail and name what grew, pass run after run without them, and stop with exit 2 when it cannot measure.
 */
class CheckIT {
    static final String MAIN = "dev.memprof.samples.StartupFootprint", READY = "^memprof-sample ready$";

    @TempDir
    Path dir;

    private MemprofProcess.Result check(String jdk, String baseline, List<String> options, String... javaOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("check", "--baseline", baseline, "--ready-when-log", READY));
        args.addAll(options);
        args.add("--");
        args.add(MemprofProcess.java(jdk));
        args.add(TargetJdk.C1_ONLY);
        args.addAll(List.of(javaOptions));
        args.addAll(List.of("-cp", DeferrableImportsIT.classPath(), MAIN));
        return memprof(dir, args.toArray(String[]::new));
    }

    @Test
    void failsOnARegressionAndNamesWhatGrewAndPassesWithoutIt() throws Exception {
        var update = check("17", "baseline.json", List.of("--update-baseline", "--runs", "3"));
        assertEquals(0, update.exitCode(), update.err());
        String baseline = Files.readString(dir.resolve("baseline.json"));
        assertTrue(baseline.contains("\"retained\"") && baseline.contains("\"java.base\": { \"allocated\""), baseline);

        for (int i = 0; i < 5; i++) {
            var pass = check("17", "baseline.json", List.of("--runs", "1"));
            assertEquals(0, pass.exitCode(), "run " + i + ":\n" + pass.out() + pass.err());
            assertTrue(pass.out().contains("within tolerance"), pass.out());
        }

        var retained = check("17", "baseline.json", List.of("--runs", "1", "--junit-xml", "check.xml", "--markdown", "summary.md"),
                "-Dsample.retainMiB=16");
        assertEquals(1, retained.exitCode(), retained.out() + retained.err());
        assertTrue(retained.out().contains("startup memory regressed: retained"), retained.out());
        // the static field that holds the growth, from the heap snapshots at startup's end
        assertTrue(retained.out().contains("MiB held by static field " + MAIN + ".TEMPLATES (new since the baseline)"),
                "names the holder: " + retained.out());
        String junit = Files.readString(dir.resolve("check.xml"));
        assertTrue(junit.contains("tests=\"4\"") && junit.contains("<testcase classname=\"memprof.check.startup\" name=\"retained\">")
                && junit.contains("<failure message=\"retained grew"), junit);
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("| retained |"), "markdown table");

        var library = check("17", "baseline.json", List.of("--runs", "1"), "-Dsample.extraLibrary=true");
        assertEquals(1, library.exitCode(), library.out() + library.err());
        assertTrue(library.out().contains("jsoup-1.16.1.jar (new at startup)"), "names the library: " + library.out());
        assertTrue(library.out().contains(MAIN + ".loadSanitizer"), "with its import chain: " + library.out());
        assertTrue(library.out().contains("Packages with more classes at startup:") && library.out().contains("  org.jsoup"),
                "and its packages: " + library.out());
        assertTrue(library.out().contains("classes") && library.out().contains("REGRESSED"), library.out());
    }

    @Test
    void baselinesOfTheSameAppDifferOnlyInNumbersAndWorkOnJdk25() throws Exception {
        assertEquals(0, check("25", "a.json", List.of("--update-baseline", "--runs", "1")).exitCode());
        assertEquals(0, check("25", "b.json", List.of("--update-baseline", "--runs", "1")).exitCode());
        String a = Files.readString(dir.resolve("a.json")), b = Files.readString(dir.resolve("b.json"));
        assertEquals(shape(a), shape(b), "same keys in the same order:\n" + a + "\n" + b);
        var pass = check("25", "a.json", List.of("--runs", "1"));
        assertEquals(0, pass.exitCode(), pass.out() + pass.err());
        List<String> keys = new ArrayList<>();
        for (String line : a.split("\n")) if (line.startsWith("    \"")) keys.add(line);
        // library lines within "libraries" are sorted
        List<String> libraries = keys.subList(keys.indexOf(keys.stream().filter(k -> k.contains("{")).findFirst().orElseThrow()),
                (int) keys.stream().filter(k -> k.contains("{")).count() + keys.indexOf(keys.stream().filter(k -> k.contains("{")).findFirst().orElseThrow()));
        assertEquals(libraries.stream().sorted().toList(), libraries);
    }

    @Test
    void recordingsCanBeComparedToo() throws Exception {
        for (String name : List.of("base", "new")) {
            List<String> args = new ArrayList<>(List.of("run", "--ready-when-log", READY, "-o", name + ".jfr", "--",
                    MemprofProcess.java("17"), TargetJdk.C1_ONLY));
            if (name.equals("new")) args.add("-Dsample.extraLibrary=true");
            args.addAll(List.of("-cp", DeferrableImportsIT.classPath(), MAIN, "2"));
            assertEquals(0, memprof(dir, args.toArray(String[]::new)).exitCode());
        }
        var same = memprof(dir, "check", "base.jfr", "--baseline", "base.jfr");
        assertEquals(0, same.exitCode(), same.out() + same.err());
        var grew = memprof(dir, "check", "new.jfr", "--baseline", "base.jfr");
        assertEquals(1, grew.exitCode(), grew.out() + grew.err());
        assertTrue(grew.out().contains("jsoup-1.16.1.jar (new at startup)"), grew.out());
    }

    @Test
    void withoutARuleStartupEndsWhenTheClassCounterSettles() throws Exception {
        var update = memprof(dir, "check", "--baseline", "settled.json", "--update-baseline", "--runs", "1", "--timeout", "60s", "--",
                MemprofProcess.java("17"), TargetJdk.C1_ONLY, "-cp", DeferrableImportsIT.classPath(), MAIN);
        assertEquals(0, update.exitCode(), update.out() + update.err());
        assertTrue(Files.readString(dir.resolve("settled.json")).contains("\"retained\""));
    }

    @Test
    void cannotMeasureIsExit2WithOneLine() throws Exception {
        Files.writeString(dir.resolve("corrupt.json"), "{\"memprofBaseline\": 1, \"metrics\": {\"retained\": 12.5}");
        assertOneLineExit2(check("17", "corrupt.json", List.of()), "corrupt.json is not a memprof baseline");
        assertOneLineExit2(check("17", "missing.json", List.of()), "missing.json: no such baseline file");

        assertEquals(0, check("17", "baseline.json", List.of("--update-baseline", "--runs", "1")).exitCode());
        var exited = memprof(dir, "check", "--baseline", "baseline.json", "--ready-when-log", READY, "--",
                MemprofProcess.java("17"), TargetJdk.C1_ONLY, "-cp", MemprofProcess.samplesClasses(), "dev.memprof.samples.ExitCode");
        assertOneLineExit2(exited, "the app exited (exit code 3) before it was ready");
        var never = memprof(dir, "check", "--baseline", "baseline.json", "--ready-when-log", "never printed", "--timeout", "3s", "--",
                MemprofProcess.java("17"), TargetJdk.C1_ONLY, "-cp", DeferrableImportsIT.classPath(), MAIN);
        assertOneLineExit2(never, "the app was not ready within 3s");
    }

    private static void assertOneLineExit2(MemprofProcess.Result result, String expected) {
        assertEquals(2, result.exitCode(), result.out() + result.err());
        String err = result.err().strip();
        assertTrue(err.startsWith("memprof check: ") && err.contains(expected), err);
        assertFalse(err.contains("\n") || err.contains("\tat "), "one line, no stack trace: " + err);
    }

    /** The JSON with every number replaced: what must not change between two measurements of the same app. */
    private static String shape(String json) {
        return json.replaceAll("-?\\d+", "N");
    }
}
