package dev.memprof.cli;

import dev.memprof.analysis.Profile;
import dev.memprof.analysis.TimeRange;
import dev.memprof.report.CollapsedReport;
import dev.memprof.report.HtmlReport;
import dev.memprof.report.JsonReport;
import dev.memprof.report.LeaksTextReport;
import dev.memprof.report.NativeReport;
import dev.memprof.report.PprofReport;
import dev.memprof.report.SpeedscopeReport;
import dev.memprof.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedOutputStream;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.Writer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/** {@code memprof report}: a recording as text, HTML, JSON, collapsed stacks, pprof or speedscope. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Report what a recording holds: allocations by stack and class, heap over time.",
        footer = {"", "Examples:",
                "  memprof report app.jfr                text summary on stdout",
                "  memprof report app.jfr --html         app.html beside the recording",
                "  memprof report app.jfr --format json -o app.json",
                "  memprof report app.jfr --format collapsed | flamegraph.pl > app.svg",
                "  memprof report app.jfr --format pprof -o app.pb.gz      go tool pprof",
                "  memprof report app.jfr --format speedscope -o app.json  speedscope.app",
                "  memprof report app.jfr --view leaks   objects alive at the end, by holder",
                "  memprof report app.jfr --view native  native memory: malloc'ed, and not freed",
                "  memprof report app.jfr --from 1m --to 2m30s    allocations in that range only",
                "  memprof report app.jfr --from 12:01:30         from a clock time"})
final class ReportCommand implements Callable<Integer> {
    enum Format { text, html, json, collapsed, pprof, speedscope }
    /** {@code native} is a Java keyword: that view's constant is nativeMemory, its name on the command line "native". */
    enum View { allocations, leaks, nativeMemory }

    /** The renderer of each format and view, one row per format (views in the order of {@link View}); json is one document for all. */
    private static final Map<Format, Map<View, Renderer>> RENDERERS = new EnumMap<>(Map.of(
            Format.text, views(TextReport::write, LeaksTextReport::write, NativeReport::writeText),
            Format.html, views(HtmlReport::write, HtmlReport::writeLeaks, HtmlReport::writeNative),
            Format.json, views(JsonReport::write, JsonReport::write, JsonReport::write),
            Format.collapsed, views(CollapsedReport::write, CollapsedReport::writeLive, NativeReport::writeCollapsed),
            Format.pprof, views(Renderer.bytes(PprofReport::write), Renderer.bytes(PprofReport::writeLeaks),
                    Renderer.bytes(PprofReport::writeNative)),
            Format.speedscope, views(SpeedscopeReport::write, SpeedscopeReport::writeLeaks, SpeedscopeReport::writeNative)));

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECORDING", description = "A .jfr file from memprof attach/run (or any JFR recording).")
    Path recording;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), html, json, collapsed, pprof (gzip'ed"
            + " protobuf: go tool pprof, Pyroscope, Grafana) or speedscope (JSON: speedscope.app, npx speedscope).")
    Format format;

    @Mixin
    ReportOutputOptions outputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write; default: stdout, or for html the recording's name with .html.")
    Path output;

    @Option(names = "--view", paramLabel = "VIEW", converter = ViewConverter.class, description = "allocations (default);"
            + " leaks: sampled objects still alive at the end, by allocation stack and by what holds them (html: opens on the"
            + " live-objects tab); native: native memory by stack, malloc'ed and not freed by the end (recorded with --native;"
            + " collapsed: bytes not freed; html: opens on the native tab). json: the same document for all.")
    View view = View.allocations;

    @Option(names = "--from", paramLabel = "TIME", description = "Only allocations from TIME: an offset into the recording"
            + " (90s, 1m30s, 2.5s, 500ms) or a local clock time (12:01:30). Live objects: those allocated in the range.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only allocations before TIME (as --from).")
    String to;

    @Override
    public Integer call() {
        Format chosen = outputs.format(format, Format.html, Format.text);
        Path target = outputs.target(output, chosen == Format.html ? Reports.derive(recording, "html") : null);
        TimeRange range;
        try {
            range = TimeRange.parse(from, to);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        Renderer reporter = renderer(chosen, view);
        if (target == null && reporter.isBinary() && stdoutIsTerminal()) {
            throw new UserError("--format " + chosen + " is binary: write it to a file with -o FILE, or pipe it");
        }
        Profile profile = Reports.read(recording, range);
        if (!reporter.isBinary()) {
            OutputFiles.writeOrPrint(target, outputs.force, spec, out -> reporter.text().accept(profile, out));
        } else if (target != null) {
            OutputFiles.writeBytes(target, outputs.force, out -> reporter.bytes().accept(profile, out));
            OutputFiles.saidWritten(spec, target);
        } else { // the renderer flushes; stdout stays open
            reporter.bytes().accept(profile, new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        }
        return ExitCode.OK;
    }

    /** As gzip: compressed bytes are not written to a terminal. JDK 22+ has a console also when redirected: ask it. */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17-21: a console means a terminal
        }
    }

    /** The renderer of {@code view} in {@code format}; every pair has one. */
    static Renderer renderer(Format format, View view) {
        return RENDERERS.get(format).get(view);
    }

    private static Map<View, Renderer> views(BiConsumer<Profile, Writer> allocations, BiConsumer<Profile, Writer> leaks,
                                             BiConsumer<Profile, Writer> nativeMemory) {
        return views(Renderer.text(allocations), Renderer.text(leaks), Renderer.text(nativeMemory));
    }

    private static Map<View, Renderer> views(Renderer allocations, Renderer leaks, Renderer nativeMemory) {
        return new EnumMap<>(Map.of(View.allocations, allocations, View.leaks, leaks, View.nativeMemory, nativeMemory));
    }

    static final class ViewConverter implements picocli.CommandLine.ITypeConverter<View> {
        @Override
        public View convert(String value) {
            if (value.equals("native")) return View.nativeMemory;
            try {
                return View.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a view: allocations, leaks or native");
            }
        }
    }
}
