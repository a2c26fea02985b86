package dev.memprof.report;

import dev.memprof.analysis.Profile;
import dev.memprof.analysis.RecordingInfo;
import dev.memprof.analysis.Timeline;
import dev.memprof.analysis.live.LiveSetTrend;
import dev.memprof.analysis.startup.DeferrableLibrary;
import dev.memprof.analysis.startup.StartupReport;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The HTML report: one self-contained page (no network, works from file://) with the heap chart, the
 * allocation flamegraph and the top tables. The page draws from the embedded {@link JsonReport}
 * document; the templates hold layout only, so the few header values are formatted here.
 */
public final class HtmlReport {
    private static final Configuration FREEMARKER = configuration();
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HtmlReport() {}

    /** One header value: a label, the text shown, and a longer text on hover (may be empty). */
    public record Fact(String label, String value, String detail) {}

    /** Writes the allocation report; the page declares UTF-8, so {@code out} should encode as UTF-8. */
    public static void write(Profile profile, Writer out) {
        render("report.ftlh", profile, out);
    }

    /** The same report, opened on the live-objects tab ({@code --view leaks}). */
    public static void writeLeaks(Profile profile, Writer out) {
        render("report.ftlh", profile, out, Map.of("initialView", "live"));
    }

    /** The same report, opened on the native-memory tab ({@code --view native}). */
    public static void writeNative(Profile profile, Writer out) {
        render("report.ftlh", profile, out, Map.of("initialView", "native"));
    }

    /** Renders a view template that builds on {@code base.ftlh}: every view gets the same header and payload. */
    static void render(String template, Profile profile, Writer out) {
        render(template, profile, out, Map.of());
    }

    /** As {@link #render(String, Profile, Writer)}, with more template values ({@code initialView}: allocations or live). */
    static void render(String template, Profile profile, Writer out, Map<String, Object> extra) {
        render(template, profile, out, extra, JsonReport.MAX_PACKED_ROWS);
    }

    /** @param maxPackedRows allocation rows the page may hold before time buckets merge (see {@link JsonReport}) */
    static void render(String template, Profile profile, Writer out, Map<String, Object> extra, int maxPackedRows) {
        // the rows pack on another thread meanwhile; the rest of the page comes before the JSON that waits for them
        CompletableFuture<JsonReport.Page> packed = JsonReport.packAllocations(profile, maxPackedRows);
        Template page = template(template);
        RecordingInfo info = profile.info();
        List<Fact> facts = facts(profile);
        StringWriter json = new StringWriter();
        JsonReport.write(profile, json, packed);
        StartupReport startup = profile.startup();
        Map<String, Object> model = new HashMap<>(Map.of(
                "title", mainClass(info),
                "commandLine", info.commandLine(),
                "facts", facts,
                "warnings", info.warnings(),
                "profileJson", json.toString(),
                "mergedStacks", mergedStacks(profile, JsonReport.join(packed).tree()),
                "initialView", "allocations"));
        model.putAll(Map.of(
                "startupMode", startup.mode(),
                "startupEnd", Units.seconds(startup.endOffsetNanos()),
                "startupRule", startup.rule(),
                "startupNotes", startup.notes(),
                "noCandidates", TextReport.noCandidates(startup),
                "scoreExplained", StartupReport.SCORE,
                "deferrable", deferrableRows(startup),
                "unusedJars", startup.unusedJars().stream().map(j -> new UnusedJarRow(j.library(), Units.bytes(j.bytes()))).toList()));
        model.putAll(extra);
        process(page, model, out);
    }

    /** One of the report's templates (they share {@code base.ftlh}'s layout and scripts). */
    static Template template(String name) {
        try {
            return FREEMARKER.getTemplate(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void process(Template page, Map<String, Object> model, Writer out) {
        try {
            page.process(model, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateException e) {
            throw new IllegalStateException("HTML report template failed: " + e.getMessage(), e);
        }
    }

    /** A row of the deferrable-libraries table, formatted for people. */
    public record DeferrableRow(int rank, String library, String score, int classes, String allocated, String retained,
                                String metaspace, String load, String use, String after, List<String> loadedBy,
                                String packages, String advice, String heldBy, String staticFields) {}

    /** An unused packaged jar, formatted for people. */
    public record UnusedJarRow(String library, String size) {}

    private static List<DeferrableRow> deferrableRows(StartupReport startup) {
        List<DeferrableRow> rows = new ArrayList<>();
        for (DeferrableLibrary d : startup.deferrable()) {
            rows.add(new DeferrableRow(rows.size() + 1, d.library(), String.format(Locale.ROOT, "%.2f", d.score()),
                    d.classesAtStartup(), Units.bytes(d.startupAllocatedBytes()), Units.bytes(d.retainedBytes()),
                    Units.bytes(d.metaspaceBytes()), Units.seconds(d.loadNanos()),
                    String.format(Locale.ROOT, "%.0f%%", 100 * d.useShare()),
                    d.samplesAfterStartup() + " samples and " + d.classesLoadedAfterStartup() + " classes loaded after startup",
                    d.loadedBy(), d.packages().stream().map(p -> p.name() + " (" + p.classes() + ")")
                            .collect(Collectors.joining(", ")), d.advice(),
                    Units.held(d.heldBy()), Units.held(d.staticFields())));
        }
        return rows;
    }

    private static List<Fact> facts(Profile profile) {
        RecordingInfo info = profile.info();
        Timeline timeline = profile.timeline();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("JVM", Units.shortVersion(info.jvmVersion()), nullToEmpty(info.jvmVersion())));
        facts.add(new Fact("pid", info.pid() >= 0 ? Long.toString(info.pid()) : "n/a", ""));
        facts.add(new Fact("started", START.format(Instant.ofEpochSecond(0, info.startEpochNanos())), ""));
        facts.add(new Fact("duration", Units.seconds(info.durationNanos()), ""));
        facts.add(new Fact("allocated", Units.bytes(profile.allocations().totalBytes()),
                profile.allocations().totalBytes() + " bytes (sum of sample weights)"));
        facts.add(new Fact("samples", Long.toString(profile.allocations().totalSamples()), ""));
        facts.add(new Fact("GCs", Integer.toString(timeline.gcCount()), ""));
        facts.add(new Fact("heap after GC", Units.bytes(timeline.minHeapAfterGc()) + " – " + Units.bytes(timeline.maxHeapAfterGc()),
                "lowest and highest heap used after a GC"));
        facts.add(new Fact("peak heap", Units.bytes(timeline.peakHeapUsed()), "most heap used seen, before or after a GC"));
        LiveSetTrend trend = profile.liveSetTrend();
        facts.add(new Fact("live set", LiveReports.verdict(trend) + (trend.verdict() == LiveSetTrend.Verdict.UNKNOWN ? ""
                : " " + LiveReports.perMinute(trend.bytesPerMinute())), "trend of heap used after GCs of the whole heap: " + LiveReports.trendLine(trend)));
        facts.add(new Fact("live objects", Long.toString(profile.liveObjects().totalSamples()),
                "sampled objects still alive at the end of the recording (see the Live objects tab)"));
        if (!profile.window().whole()) facts.add(new Fact("window", LiveReports.window(profile).replaceFirst(" \\(.*", ""),
                LiveReports.window(profile)));
        return facts;
    }

    /** What the page says when it merged stacks too small to see ({@link PageTree}), or an empty text. */
    private static String mergedStacks(Profile profile, PageTree tree) {
        if (tree.mergedNodes() == 0) return "";
        return String.format(Locale.ROOT, "To keep this page small, %,d of the recording's %,d stack nodes, each under 1/%d of the"
                + " bytes allocated (%s, %.1f%% of all together), are merged into \"%s\" frames under their callers; zoomed in or"
                + " in a short time range they would show. The text, JSON and collapsed reports hold every stack.",
                tree.mergedNodes(), profile.tree().size(), PageTree.PIXELS, Units.bytes(tree.mergedBytes()),
                Units.percent(tree.mergedBytes(), profile.allocations().totalBytes()), PageTree.MERGED);
    }

    private static String mainClass(RecordingInfo info) {
        String java = nullToEmpty(info.javaArguments()).trim();
        return java.isEmpty() ? "allocation report" : java.split("\\s+", 2)[0];
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Configuration configuration() {
        Configuration config = new Configuration(Configuration.VERSION_2_3_34);
        config.setClassForTemplateLoading(HtmlReport.class, "");
        config.setRecognizeStandardFileExtensions(true); // .ftlh: HTML auto-escaping
        config.setDefaultEncoding("UTF-8");
        config.setLocale(Locale.ROOT);
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setFallbackOnNullLoopVariable(false);
        return config;
    }
}
