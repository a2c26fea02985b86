package dev.memprof.cli;

import dev.memprof.analysis.DurationParser;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.RecordingException;
import dev.memprof.analysis.baseline.Baseline;
import dev.memprof.analysis.baseline.BaselineComparison;
import dev.memprof.analysis.baseline.BaselineJson;
import dev.memprof.analysis.startup.StartupReport;
import dev.memprof.recorder.LaunchedRecording;
import dev.memprof.recorder.ShutdownGuard;
import dev.memprof.recorder.StartupRule;
import dev.memprof.report.CheckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code memprof check}: measure startup memory and fail (exit 1) when it grew past the baseline; say what grew. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Fail (exit 1) when startup memory grew past a baseline, and say what grew.",
        footer = {"", "Examples:",
                "  memprof check --baseline base.json --update-baseline \\",
                "      --ready-when-log 'Started' -- java -jar app.jar",
                "  memprof check --baseline base.json --runs 3 \\",
                "      --ready-when-log 'Started' -- java -jar app.jar",
                "  memprof check new.jfr --baseline base.jfr",
                "", "Exit codes: 0 within tolerance, 1 regression, 2 could not measure (app failed,",
                "never ready, bad baseline)."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "memprof-baseline.json, or a .jfr recording to compare with.")
    Path baselineFile;

    @Option(names = "--update-baseline", description = "Measure, then write the baseline file instead of comparing.")
    boolean update;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Start the app N times and take the median (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "Give up when the app is not ready after this long (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--max-increase", paramLabel = "LIMITS",
            description = "Allowed growth per metric, e.g. retained=3%%,metaspace=2%%,classes=1%%,allocated=10%% (these are the defaults; "
                    + "each also allows at least 1 MiB, 256 KiB, 10 classes, 4 MiB).")
    String maxIncrease;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write the verdict as JUnit XML: one test case per metric.")
    Path junitXml;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also append the verdict as Markdown to FILE (e.g. $GITHUB_STEP_SUMMARY).")
    Path markdown;

    @Option(names = {"-f", "--force"}, description = "Overwrite an existing --junit-xml file.")
    boolean force;

    @Option(names = "--no-heap-snapshot", description = "Take no live heap dump at startup's end (by default memprof reads one per run "
            + "to name the static fields whose heap grew, then deletes it).")
    boolean noHeapSnapshot;

    @Mixin
    StartupOptions startup;

    @Parameters(arity = "1..*", paramLabel = "RECORDING | -- JAVA_COMMAND",
            description = "A recording made with memprof run, or after --: java [options] <main class>|-jar <jar> [args].")
    List<String> target;

    @Override
    public Integer call() throws RecordingException {
        Map<String, BaselineComparison.Tolerance> tolerances;
        try {
            tolerances = BaselineComparison.parse(maxIncrease);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (runs < 1 || runs > 20) throw new UserError("--runs: give 1 to 20");
        PrintWriter err = spec.commandLine().getErr(), out = spec.commandLine().getOut();
        if (junitXml != null) OutputFiles.checkWritable(junitXml, force);
        Baseline baseline = update ? null : readBaseline(); // a bad baseline is found before minutes of runs
        Baseline now = target.size() == 1 && target.get(0).endsWith(".jfr") ? fromRecording(Path.of(target.get(0))) : measure(err);
        if (update) {
            OutputFiles.write(baselineFile, true, w -> write(w, BaselineJson.write(now))); // replacing it is the point
            out.println("memprof check: wrote the baseline " + baselineFile);
            return ExitCode.OK;
        }
        BaselineComparison.Result result = BaselineComparison.compare(baseline, now, tolerances);
        CheckReport.text(result, out);
        String verdict = verdict(result);
        out.println();
        out.println(verdict);
        out.flush();
        if (junitXml != null) OutputFiles.write(junitXml, force, w -> CheckReport.junit(result, w));
        if (markdown != null) append(markdown, render(w -> CheckReport.markdown(result, verdict, w)));
        return result.regressed() ? ExitCode.NO : ExitCode.OK;
    }

    private static String verdict(BaselineComparison.Result result) {
        if (result.regressed()) {
            List<String> grown = result.rows().stream().filter(r -> r.status() == BaselineComparison.Status.REGRESSED)
                    .map(r -> r.metric() + String.format(Locale.ROOT, " %+.1f%%", r.changePercent())).toList();
            return "startup memory regressed: " + String.join(", ", grown);
        }
        if (result.improved()) return "within tolerance, and some metrics improved past it: consider --update-baseline";
        return "within tolerance";
    }

    private Baseline readBaseline() throws RecordingException {
        return baselineFile.toString().endsWith(".jfr") ? fromRecording(baselineFile) : BaselineJson.read(baselineFile);
    }

    private static Baseline fromRecording(Path recording) {
        Profile profile = Reports.read(recording);
        StartupReport startup = profile.startup();
        if (!startup.mode().equals("launch")) {
            throw new UserError(recording + " does not show a startup (record it with memprof run, not attach)");
        }
        return Baseline.of(startup);
    }

    /** Starts the app {@code runs} times, each stopped at startup's end after a full GC; the medians. */
    private Baseline measure(PrintWriter err) {
        StartupRule rule = startup.rule();
        if (rule == null) rule = new StartupRule.ClassLoadingSettled();
        List<Baseline> measured = new ArrayList<>();
        Path work;
        try {
            work = Files.createTempDirectory("memprof-check");
        } catch (IOException e) {
            throw new UserError("cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            for (int run = 1; run <= runs; run++) {
                Path recording = work.resolve("run-" + run + ".jfr"), log = work.resolve("run-" + run + ".log");
                measured.add(fromRecording(startOnce(rule, recording, log)));
                Baseline last = measured.get(measured.size() - 1);
                err.println("memprof check: run " + run + "/" + runs + ": retained " + bytes(last, "retained") + ", metaspace "
                        + bytes(last, "metaspace") + ", " + last.metrics().getOrDefault("classes", -1L) + " classes, allocated "
                        + bytes(last, "allocated"));
                err.flush();
            }
        } finally {
            deleteQuietly(work);
        }
        return Baseline.median(measured);
    }

    private Path startOnce(StartupRule rule, Path recording, Path log) {
        LaunchedRecording app = LaunchedRecording.startForStartup(target, recording, rule, log, !noHeapSnapshot);
        try (ShutdownGuard guard = new ShutdownGuard(app::requestStop)) {
            RunFindings findings = RunFindings.gather(app, List.of(), !noHeapSnapshot, spec.commandLine().getErr());
            boolean measured = app.awaitStartup(timeout);
            int exitCode = app.waitFor();
            findings.await(spec.commandLine().getErr());
            if (!measured) {
                String last = lastLine(log);
                throw new UserError(app.ready().isCompletedExceptionally() && !app.ready().isCancelled() && exitCode != 143
                        ? "the app exited (exit code " + exitCode + ") before it was ready (" + rule.describe() + ")" + last
                        : "the app was not ready within " + DurationParser.format(timeout) + " (" + rule.describe() + ")" + last);
            }
            return app.finish();
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) return "; its last line: " + dev.memprof.report.Units.printable(lines.get(i).strip());
            }
        } catch (IOException | UncheckedIOException ignored) {
            // no output to quote
        }
        return "";
    }

    private static String bytes(Baseline b, String metric) {
        Long value = b.metrics().get(metric);
        return value == null ? "n/a" : dev.memprof.report.Units.bytes(value);
    }

    private static String render(Consumer<StringWriter> writer) {
        StringWriter text = new StringWriter();
        writer.accept(text);
        return text.toString();
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
