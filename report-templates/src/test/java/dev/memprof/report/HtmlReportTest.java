package dev.memprof.report;

import dev.memprof.analysis.Profile;
import dev.memprof.analysis.ProfileReader;
import dev.memprof.samples.AllocationSites;
import dev.memprof.testsupport.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report of a real recording of {@link AllocationSites} (60% of its bytes in
 * {@code allocateLargeArrays}), opened in headless Chromium and used as a person would.
 */
class HtmlReportTest {
    static final Path DIR = Path.of("target", "html-report");
    static final String HIGHLIGHTED_PIXELS = """
            (() => { const c = document.getElementById('flamegraph');
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
              for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] < 120 && d[i + 2] > 190) n++;
              return n; })()""";
    static Profile profile;
    /** Percent of the sample's bytes per site, from the JVM's own per-thread counters the sample prints. */
    static final Map<String, Double> truth = new HashMap<>();
    @RegisterExtension
    static final ReportPage page = new ReportPage();

    @BeforeAll
    static void readAndRender() throws Exception {
        profile = ProfileReader.read(Fixture.ALLOCATION_SITES.jfr());
        Samples.allocationTruth(Fixture.ALLOCATION_SITES.log()).forEach((site, bytes) -> truth.put(site, bytes.doubleValue()));
        double sum = truth.values().stream().mapToDouble(Double::doubleValue).sum();
        truth.replaceAll((name, bytes) -> 100 * bytes / sum);
        assertEquals(4, truth.size(), "the sample printed its four sites");
        page.show(DIR.resolve("report.html"), out -> HtmlReport.write(profile, out), 1280, 800);
    }

    @Test
    void embedsTheJsonReportOnceAndNothingExternal() throws Exception {
        String text = Files.readString(page.html());
        Matcher payload = Pattern.compile("<script type=\"application/json\" id=\"profile\">(.*?)</script>", Pattern.DOTALL).matcher(text);
        assertTrue(payload.find());
        StringWriter json = new StringWriter();
        JsonReport.write(profile, json, true);
        assertEquals(json.toString(), payload.group(1));
        assertFalse(payload.find(), "one payload");
        assertTrue(text.contains("Content-Security-Policy"));
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"(?!data:)", Pattern.CASE_INSENSITIVE).matcher(text).find(), "no external resources");
    }

    @Test
    void thePageUnpacksExactlyTheRowsOfTheJsonReport() throws Exception {
        StringWriter json = new StringWriter();
        JsonReport.write(profile, json);
        Map<?, ?> columns = (Map<?, ?>) ((Map<?, ?>) Json.parse(json.toString())).get("allocations");
        assertTrue(((List<?>) columns.get("node")).size() > 100, "rows: " + ((List<?>) columns.get("node")).size());
        Object unpacked = page.chromium().eval("(() => { const c = {}; for (const k of ['node', 'thread', 'objectClass', 'bucket', 'bytes', 'samples'])"
                + " c[k] = Array.from(rows[k]); return c; })()");
        assertEquals(rowSet(columns), rowSet((Map<?, ?>) unpacked));
    }

    @Test
    void thePageUnpacksExactlyItsTreeAndFrames() throws Exception {
        PageTree tree = PageTree.of(profile);
        Object unpacked = page.chromium().eval("({ parent: Array.from(tree.parent), frame: Array.from(tree.frame), name: frames.name,"
                + " library: Array.from(frames.library) })");
        assertEquals(Map.of("parent", ints(tree.parent()), "frame", ints(tree.frame()), "name", tree.frameNames(),
                "library", ints(tree.frameLibrary())), Json.parse(Json.write(unpacked)));
    }

    private static List<Double> ints(int[] values) {
        return java.util.Arrays.stream(values).mapToObj(v -> (double) v).toList();
    }

    @Test
    void aPageWithTooManyRowsMergesTimeBucketsAndSelectsWholeOnes() throws Exception {
        int maxRows = profile.allocations().size() / 3;
        Path merged = ReportPage.written(DIR.resolve("merged-buckets.html"),
                out -> HtmlReport.render("report.ftlh", profile, out, Map.of(), maxRows));
        page.chromium().open(merged);
        int span = (int) page.chromium().number("rows.bucketSpan");
        assertTrue(span >= 2, "bucket span " + span);
        // the JSON report's rows, buckets merged: bytes and samples summed exactly, each row at its first bucket
        StringWriter json = new StringWriter();
        JsonReport.write(profile, json);
        Map<?, ?> columns = (Map<?, ?>) ((Map<?, ?>) Json.parse(json.toString())).get("allocations");
        Map<String, long[]> expected = new java.util.TreeMap<>();
        List<?> node = (List<?>) columns.get("node");
        for (int r = 0; r < node.size(); r++) {
            long bucket = value(columns, "bucket", r) / span * span;
            String key = value(columns, "node", r) + " " + value(columns, "thread", r) + " " + value(columns, "objectClass", r) + " " + bucket + " ";
            long[] sums = expected.computeIfAbsent(key, k -> new long[2]);
            sums[0] += value(columns, "bytes", r);
            sums[1] += value(columns, "samples", r);
        }
        List<String> expectedRows = new java.util.ArrayList<>();
        expected.forEach((key, sums) -> expectedRows.add(key + sums[0] + " " + sums[1] + " "));
        java.util.Collections.sort(expectedRows);
        Object unpacked = page.chromium().eval("(() => { const c = {}; for (const k of ['node', 'thread', 'objectClass', 'bucket', 'bytes', 'samples'])"
                + " c[k] = Array.from(rows[k]); return c; })()");
        List<String> pageRows = rowSet((Map<?, ?>) unpacked);
        assertTrue(pageRows.size() <= maxRows, pageRows.size() + " rows");
        assertEquals(expectedRows, pageRows);
        // a selection inside a merged bucket covers all of it, and says so
        page.chromium().eval("view.set({ from: " + (span + 1) + ", to: " + (span + 1) + " })");
        assertEquals(span, (int) page.chromium().number("view.from"));
        assertEquals(2 * span - 1, (int) page.chromium().number("view.to"));
        page.chromium().requests.clear(); // this page, not the report the other tests open
    }

    private static long value(Map<?, ?> columns, String column, int row) {
        return ((Number) ((List<?>) columns.get(column)).get(row)).longValue();
    }

    @Test
    void packedJsInflatesWhatJavasDeflaterWrites() throws Exception {
        // stored blocks (level 0), fixed and dynamic Huffman blocks, long and short matches
        java.util.Random random = new java.util.Random(7);
        byte[] data = new byte[400_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i % 1000 < 500 ? random.nextInt(256) : random.nextInt(4) + (i >> 12));
        for (int level : new int[]{0, 1, 9}) {
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(level, true);
            deflater.setInput(data);
            deflater.finish();
            java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) deflated.write(buffer, 0, deflater.deflate(buffer));
            deflater.end();
            long expected = 0;
            for (int i = 0; i < data.length; i++) expected = (expected * 31 + (data[i] & 0xFF)) % 1_000_000_007L;
            String base64 = java.util.Base64.getEncoder().encodeToString(deflated.toByteArray());
            assertEquals((double) expected, page.chromium().number("(() => { const b = atob('" + base64 + "'); const d = new Uint8Array(b.length);"
                    + " for (let i = 0; i < b.length; i++) d[i] = b.charCodeAt(i); const out = inflate(d, " + data.length + "); let h = 0;"
                    + " for (const x of out) h = (h * 31 + x) % 1000000007; return h; })()"), "level " + level);
        }
    }

    /** Rows as "node thread class bucket bytes samples" strings, sorted: the packed rows come in another order. */
    private static List<String> rowSet(Map<?, ?> columns) {
        List<?> node = (List<?>) columns.get("node");
        List<String> rows = new java.util.ArrayList<>();
        for (int r = 0; r < node.size(); r++) {
            StringBuilder row = new StringBuilder();
            for (String k : List.of("node", "thread", "objectClass", "bucket", "bytes", "samples")) {
                row.append(((Number) ((List<?>) columns.get(k)).get(r)).longValue()).append(' ');
            }
            rows.add(row.toString());
        }
        java.util.Collections.sort(rows);
        return rows;
    }

    @Test
    void drawsTheFlamegraphAndTheHeader() throws Exception {
        assertTrue(page.chromium().number("+document.getElementById('flamegraph').dataset.framesDrawn") > 10);
        assertTrue(page.chromium().number("""
                (() => { const c = document.getElementById('flamegraph');
                  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
                  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
                  return n; })()""") > 10_000, "the canvas has drawn pixels");
        assertEquals((double) profile.allocations().totalBytes(), page.chromium().number("+document.getElementById('flamegraph').dataset.totalBytes"));
        String header = (String) page.chromium().eval("document.querySelector('header').textContent");
        assertTrue(header.contains("dev.memprof.samples.AllocationSites 2"), header);
        assertTrue(header.contains(Units.bytes(profile.allocations().totalBytes())), header);
        String sites = (String) page.chromium().eval("document.querySelector('#sites tbody tr').textContent");
        assertTrue(sites.contains("AllocationSites.allocateLargeArrays"), sites);
        page.chromium().screenshot(DIR.resolve("report.png"), false);
        page.chromium().screenshot(DIR.resolve("report-full.png"), true);
    }

    @Test
    void searchHighlightsFramesAndShowsTheMatchedShare() throws Exception {
        assertEquals(0, page.chromium().number(HIGHLIGHTED_PIXELS));
        page.chromium().eval("document.getElementById('search').focus()");
        page.chromium().type("allocateLargeArrays");
        double percent = page.chromium().number("+document.getElementById('flamegraph').dataset.matchedPercent");
        assertEquals(60, percent, 10, "AllocationSites allocates about 60% of its bytes in allocateLargeArrays");
        assertEquals(truth.get("allocateLargeArrays"), percent, 3, "the share the JVM counted");
        assertTrue(((String) page.chromium().eval("document.getElementById('matched').textContent")).startsWith("matched "));
        assertTrue(page.chromium().number(HIGHLIGHTED_PIXELS) > 500, "matching frames are highlighted");

        // a regex over the two array sites: 60% + 25%, each stack counted once
        page.chromium().eval("document.getElementById('search').value = ''");
        page.chromium().type("/allocate(Large|Small)Arrays/");
        assertEquals(truth.get("allocateLargeArrays") + truth.get("allocateSmallArrays"),
                page.chromium().number("+document.getElementById('flamegraph').dataset.matchedPercent"), 3);
        page.chromium().screenshot(DIR.resolve("report-search.png"), false);
    }

    @Test
    void threadFilterShowsOneThread() throws Exception {
        double all = page.chromium().number("+document.getElementById('flamegraph').dataset.totalBytes");
        page.chromium().eval("""
                (() => { const select = document.getElementById('thread');
                  const option = [...select.options].find(o => o.text.startsWith('site-allocateSmallArrays '));
                  select.value = option.value; select.dispatchEvent(new Event('change')); })()""");
        double one = page.chromium().number("+document.getElementById('flamegraph').dataset.totalBytes");
        assertEquals(truth.get("allocateSmallArrays"), 100 * one / all, 3, "allocateSmallArrays' thread's share");
        page.chromium().eval("document.getElementById('search').focus()");
        page.chromium().type("allocateSmallArrays");
        assertEquals(100, page.chromium().number("+document.getElementById('flamegraph').dataset.matchedPercent"), 0.5);
        String status = (String) page.chromium().eval("document.getElementById('flame-status').textContent");
        assertTrue(status.contains("thread site-allocateSmallArrays"), status);
        String sites = (String) page.chromium().eval("document.querySelector('#sites tbody tr').textContent");
        assertTrue(sites.contains("allocateSmallArrays"), sites);
    }

    @Test
    void clickZoomsIntoAFrameAndResetZoomsOut() throws Exception {
        double before = page.chromium().number("+document.getElementById('flamegraph').dataset.framesDrawn");
        Map<?, ?> at = (Map<?, ?>) page.chromium().eval("memprof.locateFrame('allocateSmallArrays')");
        assertNotNull(at);
        page.chromium().mouse("mouseMoved", (Double) at.get("x"), (Double) at.get("y"));
        String tip = (String) page.chromium().eval("document.getElementById('tooltip').hidden ? '' : document.getElementById('tooltip').textContent");
        assertTrue(tip.contains("allocateSmallArrays") && tip.contains("% of selection") && tip.contains("samples"), tip);
        page.chromium().click((Double) at.get("x"), (Double) at.get("y"));
        assertEquals("dev.memprof.samples.AllocationSites.allocateSmallArrays", page.chromium().eval("document.getElementById('flamegraph').dataset.zoom"));
        assertTrue(page.chromium().number("+document.getElementById('flamegraph').dataset.framesDrawn") < before);
        page.chromium().eval("document.getElementById('reset-zoom').click()");
        assertEquals("", page.chromium().eval("document.getElementById('flamegraph').dataset.zoom"));
        assertEquals(before, page.chromium().number("+document.getElementById('flamegraph').dataset.framesDrawn"));
    }

    @Test
    void draggingOnTheHeapChartSelectsATimeRange() throws Exception {
        double all = page.chromium().number("+document.getElementById('flamegraph').dataset.totalBytes");
        Map<?, ?> box = (Map<?, ?>) page.chromium().eval("""
                (() => { const r = document.getElementById('timeline').getBoundingClientRect();
                  return { left: r.left, width: r.width, top: r.top, height: r.height }; })()""");
        double left = (Double) box.get("left"), width = (Double) box.get("width"), y = (Double) box.get("top") + 60;
        page.chromium().drag(left + 74 + (width - 88) * 0.4, y, left + 74 + (width - 88) * 0.6, y);
        double part = page.chromium().number("+document.getElementById('flamegraph').dataset.totalBytes");
        assertTrue(part > 0 && part < all * 0.5, part + " of " + all);
        assertEquals(false, page.chromium().eval("document.getElementById('reset-range').disabled"));
        assertTrue(((String) page.chromium().eval("document.getElementById('range-label').textContent")).startsWith("selected "));
        page.chromium().eval("document.getElementById('reset-range').click()");
        assertEquals(all, page.chromium().number("+document.getElementById('flamegraph').dataset.totalBytes"));
    }

    @Test
    void flameOrientationAndAllocatedClassLeaves() throws Exception {
        double frames = page.chromium().number("+document.getElementById('flamegraph').dataset.framesDrawn");
        page.chromium().eval("document.getElementById('flame').click()");
        assertEquals("true", page.chromium().eval("document.getElementById('flame').getAttribute('aria-pressed')"));
        assertEquals(frames, page.chromium().number("+document.getElementById('flamegraph').dataset.framesDrawn"));
        page.chromium().eval("document.getElementById('class-leaves').click()");
        assertTrue(page.chromium().number("+document.getElementById('flamegraph').dataset.framesDrawn") > frames);
        page.chromium().eval("document.getElementById('search').focus()");
        page.chromium().type("byte[]");
        assertTrue(page.chromium().number("+document.getElementById('flamegraph').dataset.matchedPercent") > 80, "large and small arrays are byte[]");
        page.chromium().screenshot(DIR.resolve("report-flame.png"), false);
    }
}
