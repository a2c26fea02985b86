package dev.memprof.report;

import dev.memprof.analysis.AllocationSummary;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.ProfileReader;
import dev.memprof.analysis.TimeRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pprof and speedscope files as their own tools read them: pprof decoded by npm's pprof-format, speedscope validated
 * against the schema the speedscope package ships and opened in speedscope itself (headless Chromium). Totals are
 * compared with the JSON report's, stacks with the profile's. One recording, by async-profiler's agent, has all three
 * views: allocations, live objects and native memory (the JVM's own mallocs).
 */
class ExportFormatsTest {
    static final Path DIR = Path.of("target", "export-formats");
    static Path recording;
    static Profile profile;
    static Map<?, ?> json;

    @BeforeAll
    static void read() throws Exception {
        recording = Fixture.ASYNC_ALL_VIEWS.jfr();
        Files.createDirectories(DIR);
        profile = ProfileReader.read(recording);
        StringWriter text = new StringWriter();
        JsonReport.write(profile, text);
        json = (Map<?, ?>) Json.parse(text.toString());
        assertTrue(profile.allocations().totalSamples() > 100, "allocation samples: " + profile.allocations().totalSamples());
        assertTrue(profile.liveObjects().totalSamples() > 0, "the recording has live objects");
        assertTrue(profile.nativeMemory().totalUnfreedBytes() > 0, "the recording has native memory not freed");
    }

    @Test
    void pprofAllocationsDecodeToTheJsonReportsTotalsAndTheProfilesStacks() throws Exception {
        Map<?, ?> pprof = pprof(profile, PprofReport::write, "alloc.pb.gz");
        assertEquals("", pprof.get("firstString"));
        assertEquals(List.of(List.of("alloc_objects", "count"), List.of("alloc_space", "bytes")), pprof.get("sampleTypes"));
        assertEquals("alloc_space", pprof.get("defaultSampleType"));
        Map<?, ?> totals = (Map<?, ?>) json.get("totals");
        assertEquals(List.of(totals.get("samples"), totals.get("allocatedBytes")), pprof.get("totals"));
        assertEquals(String.valueOf(profile.info().startEpochNanos()), pprof.get("timeNanos"));
        assertEquals(String.valueOf(profile.info().durationNanos()), pprof.get("durationNanos"));

        Map<String, Long> expected = new HashMap<>(), decoded = new HashMap<>(), byThread = new HashMap<>();
        for (AllocationSummary.Entry site : AllocationSummary.bySite(profile)) expected.put(stack(site.key()), site.bytes());
        for (Object s : (List<?>) pprof.get("samples")) {
            Map<?, ?> sample = (Map<?, ?>) s;
            long bytes = ((Number) ((List<?>) sample.get("values")).get(1)).longValue();
            decoded.merge(String.join(";", strings(sample.get("stack"))), bytes, Long::sum);
            byThread.merge((String) ((Map<?, ?>) sample.get("labels")).get("thread"), bytes, Long::sum);
            assertTrue(((Map<?, ?>) sample.get("labels")).containsKey("class"), sample.toString());
            assertLibraries(sample);
        }
        assertEquals(expected, decoded, "each stack (leaf first) weighs what the profile says");
        Map<String, Long> threads = new HashMap<>();
        for (int r = 0; r < profile.allocations().size(); r++) {
            threads.merge(profile.threads().get(profile.allocations().thread(r)), profile.allocations().bytes(r), Long::sum);
        }
        assertEquals(threads, byThread, "the thread label");
        assertTrue(byThread.keySet().containsAll(List.of("site-allocateLargeArrays", "site-allocateSmallArrays")), byThread.toString());
    }

    @Test
    void pprofLiveObjectsAndNativeMemoryAreInUseAsTheJsonReportCountsThem() throws Exception {
        Map<?, ?> leaks = pprof(profile, PprofReport::writeLeaks, "leaks.pb.gz");
        assertEquals(List.of(List.of("inuse_objects", "count"), List.of("inuse_space", "bytes")), leaks.get("sampleTypes"));
        assertEquals("inuse_space", leaks.get("defaultSampleType"));
        Map<?, ?> live = (Map<?, ?>) json.get("live");
        assertEquals(List.of(live.get("samples"), live.get("sampledBytes")), leaks.get("totals"));
        for (Object sample : (List<?>) leaks.get("samples")) {
            assertTrue(((Map<?, ?>) ((Map<?, ?>) sample).get("labels")).containsKey("held_by"), sample.toString());
        }

        Map<?, ?> nativeMemory = pprof(profile, PprofReport::writeNative, "native.pb.gz");
        assertEquals(List.of(List.of("alloc_objects", "count"), List.of("alloc_space", "bytes"),
                List.of("inuse_objects", "count"), List.of("inuse_space", "bytes")), nativeMemory.get("sampleTypes"));
        assertEquals("inuse_space", nativeMemory.get("defaultSampleType"));
        Map<?, ?> expected = (Map<?, ?>) json.get("native");
        List<?> totals = (List<?>) nativeMemory.get("totals");
        assertEquals(List.of(expected.get("mallocBytes"), expected.get("unfreedBytes")), List.of(totals.get(1), totals.get(3)));
    }

    @Test
    void pprofTimeRangeIsTheReportsPart() throws Exception {
        Profile part = ProfileReader.read(recording, TimeRange.parse("500ms", "1500ms"));
        Map<?, ?> pprof = pprof(part, PprofReport::write, "part.pb.gz");
        assertEquals(String.valueOf(profile.info().startEpochNanos() + 500_000_000L), pprof.get("timeNanos"));
        assertEquals("1000000000", pprof.get("durationNanos"));
        assertEquals(List.of((double) part.allocations().totalSamples(), (double) part.allocations().totalBytes()), pprof.get("totals"));
        assertTrue(part.allocations().totalBytes() < profile.allocations().totalBytes());
    }

    @Test
    void speedscopeFilesFollowSpeedscopesSchema() throws Exception {
        Path allocations = write(profile, SpeedscopeReport::write, "alloc.speedscope.json");
        Path leaks = write(profile, SpeedscopeReport::writeLeaks, "leaks.speedscope.json");
        Path nativeMemory = write(profile, SpeedscopeReport::writeNative, "native.speedscope.json");
        String validated = NodeTools.node("speedscope-validate.mjs", allocations.toString(), leaks.toString(), nativeMemory.toString());
        assertEquals(3, validated.lines().filter(line -> line.startsWith("valid ")).count(), validated);

        assertEquals(((Map<?, ?>) json.get("totals")).get("allocatedBytes"), speedscopeTotal(allocations));
        assertEquals(((Map<?, ?>) json.get("live")).get("sampledBytes"), speedscopeTotal(leaks));
        assertEquals(((Map<?, ?>) json.get("native")).get("unfreedBytes"), speedscopeTotal(nativeMemory));
    }

    @Test
    void speedscopeHasAProfilePerThreadWithItsStacksRootFirstInBytes() throws Exception {
        Map<?, ?> file = (Map<?, ?>) Json.parse(Files.readString(write(profile, SpeedscopeReport::write, "alloc.speedscope.json")));
        List<?> frames = (List<?>) ((Map<?, ?>) file.get("shared")).get("frames");
        Map<String, Long> expected = new HashMap<>(), decoded = new HashMap<>(), threads = new HashMap<>(), byThread = new HashMap<>();
        for (AllocationSummary.Entry site : AllocationSummary.bySite(profile)) expected.put(stack(site.key()), site.bytes());
        for (int r = 0; r < profile.allocations().size(); r++) {
            threads.merge(profile.threads().get(profile.allocations().thread(r)), profile.allocations().bytes(r), Long::sum);
        }
        double previous = Double.MAX_VALUE;
        for (Object p : (List<?>) file.get("profiles")) {
            Map<?, ?> thread = (Map<?, ?>) p;
            assertEquals("sampled", thread.get("type"));
            assertEquals("bytes", thread.get("unit"));
            List<?> samples = (List<?>) thread.get("samples"), weights = (List<?>) thread.get("weights");
            long sum = 0;
            for (int i = 0; i < samples.size(); i++) {
                List<String> names = new ArrayList<>();
                for (Object frame : (List<?>) samples.get(i)) names.add(0, (String) ((Map<?, ?>) frames.get(((Number) frame).intValue())).get("name"));
                long weight = ((Number) weights.get(i)).longValue();
                decoded.merge(String.join(";", names), weight, Long::sum);
                sum += weight;
            }
            assertEquals(((Number) thread.get("endValue")).longValue(), sum);
            assertTrue(sum <= previous, "heaviest thread first");
            previous = sum;
            byThread.put((String) thread.get("name"), sum);
        }
        assertEquals(expected, decoded, "each stack (root first in the file) weighs what the profile says");
        assertEquals(threads, byThread);
    }

    /**
     * Opened as {@code npx speedscope FILE} opens it: the flame chart draws the heaviest thread, and speedscope's table
     * shows the heaviest frame's bytes as we wrote them, formatted as bytes (KB, MB, GB: speedscope's unit "bytes").
     */
    @Test
    void speedscopeOpensTheFileAndDrawsItInBytes() throws Exception {
        Path file = write(profile, SpeedscopeReport::write, "alloc.speedscope.json");
        Path script = DIR.resolve("alloc.speedscope.js").toAbsolutePath(); // what speedscope's command line writes
        Files.writeString(script, "speedscope.loadFileFromBase64(\"alloc.speedscope.json\", \""
                + Base64.getEncoder().encodeToString(Files.readAllBytes(file)) + "\")");
        Path index = NodeTools.install().resolve("node_modules/speedscope/dist/release/index.html");
        Map<?, ?> first = (Map<?, ?>) ((List<?>) ((Map<?, ?>) Json.parse(Files.readString(file))).get("profiles")).get(0);
        try (Chromium chromium = new Chromium(1280, 800)) {
            chromium.open(index.toUri() + "#localProfilePath=" + script);
            String title = Json.write(recording.getFileName().toString());
            assertEquals(true, chromium.eval(until("document.title.includes(" + title + ")")), "speedscope loaded the file");
            assertTrue(String.valueOf(chromium.eval("document.body.innerText")).contains(first.get("name") + " (1/"), "the heaviest thread first");
            Path png = DIR.resolve("speedscope.png");
            chromium.screenshot(png, false);
            assertTrue(flameCoverage(png) > 0.05, "the flame chart is drawn: " + flameCoverage(png));

            chromium.eval("[...document.querySelectorAll('div')].find(d => d.textContent.trim().endsWith('Sandwich') && d.children.length < 3).click()");
            assertEquals(true, chromium.eval(until("document.body.innerText.includes('Symbol Name')")), "the sandwich view opened");
            Matcher row = Pattern.compile("([\\d.]+) (B|KB|MB|GB) \\([^)]*\\)\\s+([\\d.]+) (B|KB|MB|GB) \\([^)]*\\)\\s+(\\S+)")
                    .matcher((String) chromium.eval("document.body.innerText"));
            assertTrue(row.find(), "a row of frames in bytes");
            Map<String, Long> self = new HashMap<>(); // the first profile's bytes by leaf frame, as the file has them
            List<?> samples = (List<?>) first.get("samples"), weights = (List<?>) first.get("weights");
            for (int i = 0; i < samples.size(); i++) {
                List<?> stack = (List<?>) samples.get(i);
                self.merge(profile.frames().name(((Number) stack.get(stack.size() - 1)).intValue()), ((Number) weights.get(i)).longValue(), Long::sum);
            }
            String frame = row.group(5);
            double shown = Double.parseDouble(row.group(3)) * Math.pow(1024, List.of("B", "KB", "MB", "GB").indexOf(row.group(4)));
            assertEquals(self.get(frame), shown, self.get(frame) * 0.01, frame + ", the frame with most self bytes");
            assertEquals(self.values().stream().max(Long::compare).orElseThrow(), self.get(frame));
            assertEquals(List.of(), chromium.errors);
            assertTrue(chromium.requests.stream().allMatch(url -> url.startsWith("file:")), chromium.requests.toString());
        }
    }

    /** A promise of whether {@code condition} became true within 10 s, checked every 50 ms, then two frames drawn. */
    private static String until(String condition) {
        return "new Promise(resolve => { const end = Date.now() + 10000; const check = () => (" + condition + ")"
                + " ? requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))"
                + " : Date.now() > end ? resolve(false) : setTimeout(check, 50); check(); })";
    }

    /** The share of the flame chart's area (below speedscope's toolbar and overview) that is not white. */
    private static double flameCoverage(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        long coloured = 0, all = 0;
        for (int y = 150; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++, all++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) coloured++;
            }
        }
        return (double) coloured / all;
    }

    private static Object speedscopeTotal(Path file) throws Exception {
        double total = 0;
        for (Object p : (List<?>) ((Map<?, ?>) Json.parse(Files.readString(file))).get("profiles")) {
            total += ((Number) ((Map<?, ?>) p).get("endValue")).doubleValue();
        }
        return total;
    }

    /** Each location's mapping is its frame's library, as the profile attributes it. */
    private static void assertLibraries(Map<?, ?> sample) {
        List<String> stack = strings(sample.get("stack")), mappings = strings(sample.get("mappings"));
        for (int i = 0; i < stack.size(); i++) {
            int frame = profile.frames().find(stack.get(i));
            assertEquals(profile.libraries().get(profile.frames().library(frame)), mappings.get(i), stack.get(i));
        }
    }

    /** A stack's frame names leaf first, joined by ';'. */
    private static String stack(int node) {
        List<String> frames = new ArrayList<>();
        for (int n = node; n != 0; n = profile.tree().parent(n)) frames.add(profile.frameName(n));
        return String.join(";", frames);
    }

    private static List<String> strings(Object list) {
        List<String> strings = new ArrayList<>();
        for (Object o : (List<?>) list) strings.add((String) o);
        return strings;
    }

    private static Map<?, ?> pprof(Profile profile, BiConsumer<Profile, OutputStream> writer, String name) throws Exception {
        Path file = DIR.resolve(name).toAbsolutePath();
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.accept(profile, out);
        }
        return (Map<?, ?>) Json.parse(NodeTools.node("pprof-decode.mjs", file.toString()));
    }

    static Path write(Profile profile, BiConsumer<Profile, Writer> writer, String name) throws Exception {
        Path file = DIR.resolve(name).toAbsolutePath();
        try (Writer out = Files.newBufferedWriter(file)) {
            writer.accept(profile, out);
        }
        return file;
    }
}
