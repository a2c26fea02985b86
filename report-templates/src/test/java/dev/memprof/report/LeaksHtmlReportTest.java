package dev.memprof.report;

import dev.memprof.analysis.Profile;
import dev.memprof.analysis.ProfileReader;
import dev.memprof.analysis.live.LiveObjects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live-objects tab of the HTML report ({@code --view leaks}), in headless Chromium, on a sample that leaks. */
class LeaksHtmlReportTest {
    static final Path DIR = Path.of("target", "html-leaks");
    static final String HOLDER = "static field dev.memprof.samples.LeakingService.REMEMBERED";
    static final String FLAME = "document.getElementById('flamegraph').dataset.";
    static Profile profile;
    @RegisterExtension
    static final ReportPage page = new ReportPage();

    @BeforeAll
    static void readAndRender() throws Exception {
        profile = ProfileReader.read(Fixture.LEAKING_SERVICE.jfr());
        assertTrue(profile.liveObjects().totalSamples() >= 5, "JFR kept live samples: " + profile.liveObjects().totalSamples());
        page.show(DIR.resolve("leaks.html"), out -> HtmlReport.writeLeaks(profile, out), 1280, 900);
    }

    @Test
    void opensOnTheLiveObjectsWithTheLeakAndItsHolderFirst() throws Exception {
        assertEquals("live", page.chromium().eval(FLAME + "source"));
        assertEquals("true", page.chromium().eval("document.getElementById('tab-live').getAttribute('aria-pressed')"));
        assertEquals((double) profile.liveObjects().totalSamples(), page.chromium().number("+" + FLAME + "totalBytes"), "weighed in live objects");
        String site = (String) page.chromium().eval("document.querySelector('#live-sites tbody tr').textContent");
        assertTrue(site.contains("LeakingService.rememberRequest") && site.contains(HOLDER), site);
        String holder = (String) page.chromium().eval("document.querySelector('#live-holders tbody tr').textContent");
        assertTrue(holder.startsWith(HOLDER), holder);
        assertEquals(true, page.chromium().eval("document.getElementById('allocation-tables').hidden"));
        String header = (String) page.chromium().eval("document.querySelector('header').textContent");
        assertTrue(header.contains("live set") && header.contains("growing +"), header);

        page.chromium().eval("document.getElementById('search').focus()");
        page.chromium().type("rememberRequest");
        assertTrue(page.chromium().number("+" + FLAME + "matchedPercent") > 50, "most live objects were allocated by the leak");
        page.chromium().screenshot(DIR.resolve("leaks.png"), true);
    }

    @Test
    void theAllocationsTabRanksTheGarbageFirst() throws Exception {
        page.chromium().eval("document.getElementById('tab-allocations').click()");
        assertEquals("allocations", page.chromium().eval(FLAME + "source"));
        assertEquals((double) profile.allocations().totalBytes(), page.chromium().number("+" + FLAME + "totalBytes"));
        assertEquals(true, page.chromium().eval("document.getElementById('live-tables').hidden"));
        String site = (String) page.chromium().eval("document.querySelector('#sites tbody tr').textContent");
        assertTrue(site.contains("LeakingService.renderResponse"), site);
    }

    @Test
    void aTimeRangeKeepsTheObjectsAllocatedInIt() throws Exception {
        Map<?, ?> box = (Map<?, ?>) page.chromium().eval("""
                (() => { const r = document.getElementById('timeline').getBoundingClientRect();
                  return { left: r.left, width: r.width, top: r.top }; })()""");
        double left = (Double) box.get("left"), width = (Double) box.get("width"), y = (Double) box.get("top") + 60;
        page.chromium().drag(left + 74 + (width - 88) * 0.1, y, left + 74 + (width - 88) * 0.5, y);
        int from = (int) page.chromium().number("view.from"), to = (int) page.chromium().number("view.to");
        assertTrue(from > 0 && to < 199 && from < to, from + ".." + to);
        LiveObjects live = profile.liveObjects();
        long expected = 0;
        for (int r = 0; r < live.size(); r++) if (live.bucket(r) >= from && live.bucket(r) <= to) expected += live.samples(r);
        assertTrue(expected > 0 && expected < live.totalSamples(), expected + " of " + live.totalSamples());
        assertEquals((double) expected, page.chromium().number("+" + FLAME + "totalBytes"), "objects allocated in the range");
        String scope = (String) page.chromium().eval("document.querySelector('#live-tables .tables-scope').textContent");
        assertTrue(scope.contains(" s – "), scope);
    }
}
