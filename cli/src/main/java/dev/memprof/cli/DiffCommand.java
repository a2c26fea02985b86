package dev.memprof.cli;

import dev.memprof.analysis.diff.Normalization;
import dev.memprof.analysis.diff.RecordingDiff;
import dev.memprof.report.DiffCollapsedReport;
import dev.memprof.report.DiffHtmlReport;
import dev.memprof.report.DiffJsonReport;
import dev.memprof.report.DiffTextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/** {@code memprof diff}: what grew and what shrank from one recording to another. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two recordings: the allocation sites and libraries that grew or shrank"
                + " (and live objects, when both have them).",
        footer = {"", "Examples:",
                "  memprof diff base.jfr new.jfr           text: what changed most",
                "  memprof diff base.jfr new.jfr --html    new-diff.html: red grew, blue shrank",
                "  memprof diff base.jfr new.jfr --format collapsed | flamegraph.pl > diff.svg",
                "  memprof diff base.jfr new.jfr --normalize shares"})
final class DiffCommand implements Callable<Integer> {
    enum Format { text, html, json, collapsed }

    private static final Map<Format, BiConsumer<RecordingDiff, Writer>> RENDERERS = Map.of(
            Format.text, DiffTextReport::write, Format.html, DiffHtmlReport::write,
            Format.json, DiffJsonReport::write, Format.collapsed, DiffCollapsedReport::write);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE", description = "The recording to compare with (before).")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "The recording to compare (after).")
    Path next;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), html, json or collapsed"
            + " (stack base new per line, for flamegraph.pl).")
    Format format;

    @Mixin
    ReportOutputOptions outputs;

    @Option(names = "--normalize", paramLabel = "HOW", converter = NormalizationConverter.class,
            description = "per-second (default): bytes allocated per second of each recording; shares: percent of"
                    + " each recording's total. Live objects are always compared as shares.")
    Normalization normalization = Normalization.PER_SECOND;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write; default: stdout, or for html <NEW>-diff.html beside NEW.")
    Path output;

    @Override
    public Integer call() {
        Format chosen = outputs.format(format, Format.html, Format.text);
        Path target = outputs.target(output, chosen == Format.html ? diffHtml(next) : null);
        RecordingDiff diff = RecordingDiff.compare(Reports.read(base), Reports.read(next), normalization);
        BiConsumer<RecordingDiff, Writer> renderer = RENDERERS.get(chosen);
        OutputFiles.writeOrPrint(target, outputs.force, spec, out -> renderer.accept(diff, out));
        return ExitCode.OK;
    }

    /** {@code new.jfr} -> {@code new-diff.html}: not {@code new.html}, the new recording's own report. */
    static Path diffHtml(Path next) {
        String name = Reports.derive(next, "html").getFileName().toString();
        return next.resolveSibling(name.substring(0, name.length() - ".html".length()) + "-diff.html");
    }

    static final class NormalizationConverter extends WordConverter<Normalization> {
        NormalizationConverter() {
            super("a normalisation", "per-second", Normalization.PER_SECOND, "shares", Normalization.SHARES);
        }
    }
}
