package dev.memprof.report;

import dev.memprof.analysis.ProfileReader;
import dev.memprof.analysis.diff.Normalization;
import dev.memprof.analysis.diff.RecordingDiff;
import dev.memprof.samples.AllocationSites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * memprof diff's renderings of two real runs of {@link AllocationSites}, paced, the second with {@code allocateStrings}'
 * budget four times as large: every format puts that site first, and the HTML draws it red in headless Chromium.
 */
class DiffReportsTest {
    static final Path DIR = Path.of("target", "diff-reports");
    static RecordingDiff diff;
    @RegisterExtension
    static final ReportPage page = new ReportPage();

    @BeforeAll
    static void readTwoRunsAndRender() throws Exception {
        diff = RecordingDiff.compare(ProfileReader.read(Fixture.DIFF_BASE.jfr()), ProfileReader.read(Fixture.DIFF_NEW.jfr()),
                Normalization.PER_SECOND);
        page.show(DIR.resolve("diff.html"), out -> DiffHtmlReport.write(diff, out), 1280, 800);
    }

    @Test
    void textListsTheGrownSiteFirstAndSaysLiveObjectsAreMissing() {
        StringWriter text = new StringWriter();
        DiffTextReport.write(diff, text);
        List<String> lines = text.toString().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("Allocation sites that changed most")).findFirst().orElseThrow());
        String first = lines.get(header + 2);
        assertTrue(first.contains("AllocationSites.allocateStrings") && first.contains("+"), text.toString());
        assertTrue(text.toString().contains("Live objects: not compared: the base recording"), text.toString());
    }

    @Test
    void collapsedLinesAreStackBaseNewAndAddUp() {
        StringWriter collapsed = new StringWriter();
        DiffCollapsedReport.write(diff, collapsed);
        double base = 0, next = 0, grownBase = 0, grownNext = 0;
        for (String line : collapsed.toString().lines().toList()) {
            String[] fields = line.split(" ");
            assertEquals(3, fields.length, line);
            long b = Long.parseLong(fields[1]), n = Long.parseLong(fields[2]);
            base += b;
            next += n;
            if (fields[0].endsWith("AllocationSites.allocateStrings") || fields[0].contains("AllocationSites.allocateStrings;")) {
                grownBase += b;
                grownNext += n;
            }
        }
        double[] baseTotals = diff.allocations().totals(0), newTotals = diff.allocations().totals(1);
        assertEquals(baseTotals[0], base, 1000, "base bytes/s");
        assertEquals(newTotals[0], next, 1000, "new bytes/s");
        assertTrue(grownNext > 3 * grownBase, grownBase + " -> " + grownNext);
    }

    @Test
    void jsonNamesTheGrownSiteAndItsLibrary() throws Exception {
        StringWriter json = new StringWriter();
        DiffJsonReport.write(diff, json);
        Map<?, ?> doc = (Map<?, ?>) Json.parse(json.toString());
        assertEquals("per-second", doc.get("normalize"));
        Map<?, ?> site = (Map<?, ?>) ((List<?>) ((Map<?, ?>) doc.get("allocations")).get("sites")).get(0);
        assertTrue(((String) site.get("name")).endsWith("AllocationSites.allocateStrings"), site.toString());
        assertTrue(((Number) site.get("change")).doubleValue() > 0, site.toString());
        assertEquals(null, doc.get("live"));
    }

    @Test
    void theHtmlDrawsTheGrownSiteRedAndSearchesAndZooms() throws Exception {
        assertTrue(page.chromium().number("Number(document.getElementById('flamegraph').dataset.framesDrawn)") > 4);
        // the grown frame deep red; one that moved a few percent pale (the colour scales with the largest change)
        double grown = redness("allocateStrings"), barely = redness("allocateLargeArrays");
        assertTrue(grown > 150 && barely < grown / 1.5, "red minus blue: grown " + grown + ", barely moved " + barely);
        // the tables: the grown site first
        String firstSite = (String) page.chromium().eval("document.querySelector('#diff-sites tbody td').textContent");
        assertTrue(firstSite.endsWith("allocateStrings"), firstSite);
        // search, then zoom into the grown frame
        page.chromium().eval("document.getElementById('search').focus()");
        page.chromium().type("allocateStrings");
        double matched = page.chromium().number("Number(document.getElementById('flamegraph').dataset.matchedPercent)");
        assertTrue(matched > 20 && matched < 60, "matched " + matched + "% of the new run's bytes");
        Map<?, ?> at = (Map<?, ?>) page.chromium().eval("memprof.locateFrame('allocateStrings')");
        page.chromium().click(((Number) at.get("x")).doubleValue(), ((Number) at.get("y")).doubleValue());
        assertTrue(((String) page.chromium().eval("document.getElementById('flamegraph').dataset.zoom")).endsWith("allocateStrings"));
        // widths from the base: the grown frame is narrower there
        page.chromium().eval("document.getElementById('widths-base').click()");
        assertTrue(((String) page.chromium().eval("document.getElementById('flame-status').textContent")).startsWith("widths from base"));
    }

    /** Red minus blue of the pixel in the middle of the widest frame named {@code text}. */
    private static double redness(String text) throws Exception {
        return page.chromium().number("(() => { const at = memprof.locateFrame('" + text + "'); const c = document.getElementById('flamegraph');"
                + " const r = c.getBoundingClientRect(); const ratio = window.devicePixelRatio || 1;"
                + " const d = c.getContext('2d').getImageData(Math.round((at.x - r.left) * ratio), Math.round((at.y - r.top) * ratio) + 4, 1, 1).data;"
                + " return d[0] - d[2]; })()");
    }
}
