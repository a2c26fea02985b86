package dev.memprof.cli;

import dev.memprof.testsupport.TargetJdk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code memprof diff} as a user runs it: two {@code memprof run} recordings of the paced AllocationSites sample, the
 * second with {@code allocateStrings} growing fourfold; recorded once for the class.
 */
class DiffIT {
    static final Path DIR = Path.of("target", "diff-it");

    @BeforeAll
    static void recordTwoRuns() throws Exception {
        Files.createDirectories(DIR);
        for (String run : List.of("base", "new")) {
            var result = memprof(DIR, "run", "-q", "-f", "-o", run + ".jfr", "--", MemprofProcess.java("17"), TargetJdk.C1_ONLY,
                    "-Dmemprof.sample.grow=allocateStrings:" + (run.equals("new") ? 4 : 1),
                    "-cp", MemprofProcess.samplesClasses(), "dev.memprof.samples.AllocationSites", "5", "100"); // 5 s: see RecordingDiffTest.SECONDS
            assertEquals(0, result.exitCode(), result.err());
            assertEquals("", result.err(), "-q: nothing but errors and warnings");
        }
    }

    @Test
    void textCollapsedAndHtml() throws Exception {
        var text = memprof(DIR, "diff", "base.jfr", "new.jfr");
        assertEquals(0, text.exitCode(), text.err());
        List<String> lines = text.out().lines().toList();
        String first = lines.get(lines.indexOf("Allocation sites that changed most (a stack's first frame that is not the JDK's)") + 2);
        assertTrue(first.contains("AllocationSites.allocateStrings") && first.contains(" +"), text.out());
        // memprof's own recordings sample live objects: they are compared, as shares
        assertTrue(text.out().contains("Live objects: sites whose share"), text.out());

        var collapsed = memprof(DIR, "diff", "base.jfr", "new.jfr", "--format", "collapsed");
        assertEquals(0, collapsed.exitCode(), collapsed.err());
        assertTrue(collapsed.out().lines().allMatch(l -> l.matches("\\S+ \\d+ \\d+")), collapsed.out());

        Files.deleteIfExists(DIR.resolve("new-diff.html"));
        var html = memprof(DIR, "diff", "base.jfr", "new.jfr", "--html");
        assertEquals(0, html.exitCode(), html.err());
        assertTrue(Files.readString(DIR.resolve("new-diff.html")).contains("Differential flamegraph"));
        var again = memprof(DIR, "diff", "base.jfr", "new.jfr", "--html");
        assertEquals(ExitCode.USAGE, again.exitCode(), "never overwrites without -f");
        assertEquals(0, memprof(DIR, "diff", "base.jfr", "new.jfr", "--html", "-f", "-q").exitCode());
        var typo = memprof(DIR, "diff", "base.jfr", "new.jfr", "--normalise", "shares");
        assertEquals(ExitCode.USAGE, typo.exitCode());
        assertTrue(typo.err().contains("did you mean --normalize?"), typo.err());
    }
}
