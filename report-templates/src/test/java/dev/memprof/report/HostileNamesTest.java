package dev.memprof.report;

import dev.memprof.analysis.Profile;
import dev.memprof.analysis.ProfileReader;
import dev.memprof.samples.HostileNames;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names from a recording that carry HTML and script - a thread, a class, an allocated class, the command
 * line - show as text in the page and never run.
 */
class HostileNamesTest {
    static final Path DIR = Path.of("target", "html-report-hostile");
    /** A JVM option of the recorded command line (the fixture's recipe). */
    static final String OPTION = "-Dnote=<b>bold</b><img src=x onerror=\"document.title='pwned'\">";

    @Test
    void namesAreShownAsTextAndNeverRun() throws Exception {
        Profile profile = ProfileReader.read(Fixture.HOSTILE_NAMES.jfr());
        assertTrue(profile.threads().asList().contains(HostileNames.THREAD), "the recording has the hostile thread");
        Path html = ReportPage.written(DIR.resolve("report.html"), out -> HtmlReport.write(profile, out));
        String text = Files.readString(html);
        assertFalse(text.contains("<img"), "no name reaches the HTML unescaped");
        assertFalse(text.contains("<b>"));
        assertFalse(text.contains("</script><script>document"));

        assertSpeedscopeHoldsTheNamesAsText(profile);

        try (Chromium chromium = new Chromium(1280, 800)) {
            chromium.open(html);
            assertEquals("memprof: dev.memprof.samples.HostileNames", chromium.eval("document.title"));
            assertEquals(0.0, chromium.number("document.querySelectorAll('img, b').length"));
            assertEquals(8.0, chromium.number("document.scripts.length"), "the payload, common.js, the report's five scripts and its draw timer");

            String command = (String) chromium.eval("document.querySelector('.command code').textContent");
            assertTrue(command.contains(OPTION), command);
            String threads = (String) chromium.eval("[...document.getElementById('thread').options].map(o => o.text).join('\\n')");
            assertTrue(threads.contains(HostileNames.THREAD), threads);
            String sites = (String) chromium.eval("document.getElementById('sites').textContent");
            assertTrue(sites.contains(HostileNames.CLASS + ".allocate"), sites);
            String classes = (String) chromium.eval("document.getElementById('classes').textContent");
            assertTrue(classes.contains(HostileNames.CLASS + "[]"), classes);

            chromium.eval("document.getElementById('class-leaves').click()");
            chromium.eval("document.getElementById('search').focus()");
            chromium.type("<img");
            assertTrue(chromium.number("+document.getElementById('flamegraph').dataset.matchedPercent") > 50);
            Map<?, ?> frame = (Map<?, ?>) chromium.eval("memprof.locateFrame('<img src=x')");
            assertNotNull(frame, "the hostile frame is drawn");
            chromium.mouse("mouseMoved", (Double) frame.get("x"), (Double) frame.get("y"));
            String tip = (String) chromium.eval("document.getElementById('tooltip').textContent");
            assertTrue(tip.contains("<img src=x onerror="), tip);
            chromium.screenshot(DIR.resolve("hostile.png"), false);

            assertEquals("memprof: dev.memprof.samples.HostileNames", chromium.eval("document.title"));
            assertEquals(0.0, chromium.number("document.querySelectorAll('img, b').length"));
            assertEquals(List.of(), chromium.errors);
            assertEquals(List.of(html.toUri().toString()), chromium.requests, "no request for the img's src");
        }
    }

    /** The speedscope file escapes the names (no raw markup) and they parse back whole. */
    private static void assertSpeedscopeHoldsTheNamesAsText(Profile profile) throws Exception {
        Path file = ReportPage.written(DIR.resolve("report.speedscope.json"), out -> SpeedscopeReport.write(profile, out));
        String text = Files.readString(file);
        assertFalse(text.contains("<"), "no markup reaches the file unescaped");
        Map<?, ?> parsed = (Map<?, ?>) Json.parse(text);
        String threads = String.valueOf(parsed.get("profiles")), frames = String.valueOf(((Map<?, ?>) parsed.get("shared")).get("frames"));
        assertTrue(threads.contains("name=" + HostileNames.THREAD + ","), threads);
        assertTrue(frames.contains("name=" + HostileNames.CLASS + ".allocate,"), frames);
    }
}
