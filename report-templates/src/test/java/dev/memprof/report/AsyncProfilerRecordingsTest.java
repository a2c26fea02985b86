package dev.memprof.report;

import dev.memprof.analysis.AllocationSummary;
import dev.memprof.analysis.NativeMemory;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.ProfileReader;
import dev.memprof.testsupport.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Recordings made by async-profiler's agent alone (no JFR recording beside it, as a user's own {@code asprof ... -f
 * x.jfr}): allocations against the sample's ground truth, live objects from {@code profiler.LiveObject}, native
 * memory from {@code profiler.Malloc}/{@code Free}, and the HTML report's native-memory tab in Chromium.
 */
class AsyncProfilerRecordingsTest {
    static final Path DIR = Path.of("target", "async-profiler-recordings");
    static Profile allocations, nativeMemory;
    static String allocationsLog, nativeLog;

    @BeforeAll
    static void read() throws Exception {
        allocations = ProfileReader.read(Fixture.ASYNC_ALLOCATION_SITES.jfr());
        allocationsLog = Fixture.ASYNC_ALLOCATION_SITES.log();
        nativeMemory = ProfileReader.read(Fixture.ASYNC_NATIVE_LEAK.jfr());
        nativeLog = Fixture.ASYNC_NATIVE_LEAK.log();
        Files.createDirectories(DIR);
    }

    static Chromium chromium;

    @AfterAll
    static void closeBrowser() throws Exception {
        if (chromium != null) chromium.close();
    }

    @Test
    void allocationsWeighAsTheSampleCountsThem() {
        Map<String, Long> truth = Samples.allocationTruth(allocationsLog);
        assertEquals(4, truth.size(), allocationsLog);
        long truthTotal = truth.values().stream().mapToLong(Long::longValue).sum();
        long total = allocations.allocations().totalBytes();
        Map<String, Long> bySite = new HashMap<>();
        for (AllocationSummary.Entry entry : AllocationSummary.bySite(allocations)) {
            for (int n = entry.key(); n != 0; n = allocations.tree().parent(n)) {
                String frame = allocations.frameName(n);
                if (frame.startsWith("dev.memprof.samples.AllocationSites.allocate")) {
                    bySite.merge(frame.substring(frame.lastIndexOf('.') + 1), entry.bytes(), Long::sum);
                    break;
                }
            }
        }
        for (var entry : truth.entrySet()) {
            assertEquals(100.0 * entry.getValue() / truthTotal, 100.0 * bySite.getOrDefault(entry.getKey(), 0L) / total, 2.0,
                    entry.getKey() + ": " + bySite + " of " + total + " vs " + truth);
        }
        assertEquals(1.0, (double) total / truthTotal, 0.10, "total");
    }

    @Test
    void liveObjectsComeFromAsyncProfilersLiveObjectEvents() {
        assertTrue(allocations.liveObjects().totalSamples() > 0, "profiler.LiveObject events, read as live objects");
        boolean fromSites = false;
        for (int r = 0; r < allocations.liveObjects().size(); r++) {
            for (int n = allocations.liveObjects().node(r); n != 0; n = allocations.tree().parent(n)) {
                fromSites |= allocations.frameName(n).startsWith("dev.memprof.samples.AllocationSites.allocate");
            }
        }
        assertTrue(fromSites, "live objects are allocated by the sample's sites");
        assertTrue(allocations.liveObjects().totalBytes() > 0);
    }

    @Test
    void nativeMemoryNamesTheLeakAndNotTheChurn() {
        Matcher truth = Pattern.compile("leaked=(\\d+) churned=(\\d+)").matcher(nativeLog);
        assertTrue(truth.find(), nativeLog);
        NativeMemory memory = nativeMemory.nativeMemory();
        NativeMemory.Site top = memory.bySite().stream().max(java.util.Comparator.comparingLong(NativeMemory.Site::unfreedBytes)).orElseThrow();
        List<String> stack = new ArrayList<>();
        for (int n = top.node(); n != 0; n = nativeMemory.tree().parent(n)) stack.add(nativeMemory.frameName(n));
        assertTrue(stack.contains("dev.memprof.samples.NativeLeak.leak"), stack.toString());
        assertEquals(Long.parseLong(truth.group(1)), top.unfreedBytes(), 2 * 65536, "leaked bytes (64 KiB blocks)");
        assertFalse(stack.stream().anyMatch(f -> f.contains("malloc_hook")), "async-profiler's own frames are dropped: " + stack);
        int malloc = nativeMemory.frames().find("os::malloc");
        assertTrue(malloc >= 0, "native frames are named by symbol");
        assertEquals("libjvm.so", nativeMemory.libraries().get(nativeMemory.frames().library(malloc)));
        StringWriter text = new StringWriter();
        NativeReport.writeText(nativeMemory, text);
        String notFreed = text.toString().substring(text.toString().indexOf("Not freed by the end"));
        assertTrue(notFreed.indexOf("at dev.memprof.samples.NativeLeak.leak") < notFreed.indexOf("  2. "), text.toString());
    }

    @Test
    void theNativeTabDrawsWhatIsNotFreedAndWhatWasMalloced() throws Exception {
        Path html = DIR.resolve("native.html");
        try (Writer out = Files.newBufferedWriter(html)) {
            HtmlReport.writeNative(nativeMemory, out);
        }
        chromium = new Chromium(1280, 900);
        chromium.open(html);
        assertEquals("true", chromium.eval("document.getElementById('tab-native').getAttribute('aria-pressed')"));
        assertEquals("nativeUnfreed", chromium.eval("document.getElementById('flamegraph').dataset.source"));
        NativeMemory memory = nativeMemory.nativeMemory();
        assertEquals((double) memory.totalUnfreedBytes(), chromium.number("+document.getElementById('flamegraph').dataset.totalBytes"));
        assertFalse((Boolean) chromium.eval("document.getElementById('native-tables').hidden"));
        assertTrue((Boolean) chromium.eval("document.getElementById('allocation-tables').hidden"));
        String first = (String) chromium.eval("document.querySelector('#native-sites tbody tr').textContent");
        assertTrue(first.contains("NativeLeak.leak"), first);
        // the leak's share of what is not freed, by search
        chromium.eval("document.getElementById('search').focus()");
        chromium.type("NativeLeak.leak");
        double leakShare = chromium.number("+document.getElementById('flamegraph').dataset.matchedPercent");
        NativeMemory.Site leak = memory.bySite().stream().max(java.util.Comparator.comparingLong(NativeMemory.Site::unfreedBytes)).orElseThrow();
        assertEquals(100.0 * leak.unfreedBytes() / memory.totalUnfreedBytes(), leakShare, 0.01);
        chromium.screenshot(DIR.resolve("native.png"), false);
        // malloc'ed: churn dominates
        chromium.eval("(() => { const s = document.getElementById('native-measure'); s.value = 'nativeMalloc'; s.dispatchEvent(new Event('change')); })()");
        assertEquals((double) memory.totalBytes(), chromium.number("+document.getElementById('flamegraph').dataset.totalBytes"));
        chromium.eval("document.getElementById('search').value = ''");
        chromium.type("NativeLeak.churn");
        assertTrue(chromium.number("+document.getElementById('flamegraph').dataset.matchedPercent") > 80, "churn mallocs most");
        // back to the Java allocations: their tables again
        chromium.eval("document.getElementById('tab-allocations').click()");
        assertFalse((Boolean) chromium.eval("document.getElementById('allocation-tables').hidden"));
        assertTrue((Boolean) chromium.eval("document.getElementById('native-tables').hidden"));
        assertEquals(List.of(), chromium.errors, "the page logged errors");
    }
}
