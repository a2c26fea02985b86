package dev.memprof.cli;

import dev.memprof.recorder.AsyncProfiler;
import dev.memprof.recorder.LaunchedRecording;
import dev.memprof.recorder.RecorderException;
import dev.memprof.recorder.ShutdownGuard;
import dev.memprof.recorder.StartupRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code memprof run}: start a JVM with recording on from its first instruction; exit with its exit code. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a JVM with recording on from its start; exits with its exit code.",
        footer = {"", "Examples:",
                "  memprof run -- java -jar app.jar     writes memprof-app-<memprof's pid>.jfr",
                "  memprof run -o app.jfr --html -- java -Xmx512m -cp app.jar com.example.Main",
                "  memprof run --engine async-profiler --native -- java -jar app.jar",
                "", "The recording is written when the JVM exits, also on Ctrl-C (which stops the",
                "JVM too).", "", "Exit codes: the JVM's own (0 when it succeeded), or 125 when memprof itself",
                "failed (bad options, the recording could not be written): an app that exits",
                "with 1 or 2 is not mistaken for memprof's own 1 or 2."})
final class RunCommand implements Callable<Integer> {
    /** java options whose value is the next word. */
    private static final Set<String> WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
            "--upgrade-module-path", "--add-modules", "--add-exports", "--add-opens", "--add-reads", "--patch-module",
            "--limit-modules", "--source");

    @Spec
    CommandSpec spec;

    @Mixin
    RecordingOptions outputs;

    @Mixin
    StartupOptions startup;

    @Mixin
    EngineOptions engine;

    @picocli.CommandLine.Option(names = "--no-heap-snapshot",
            description = "Take no live heap dump at startup's end (by default, with a startup rule, memprof takes one, reads what "
                    + "holds the heap, keeps that in the recording and deletes the dump).")
    boolean noHeapSnapshot;

    @Option(names = "--no-live-set-gc", description = "Do not run a full GC now and then (at most 2%% of the time) to"
            + " measure the live set; the live-set trend then uses only the app's own old-generation collections.")
    boolean noLiveSetGc;

    @Parameters(arity = "1..*", paramLabel = "JAVA_COMMAND",
            description = "After --: java [options] <main class> [args], or java [options] -jar <jar> [args].")
    List<String> command;

    @Override
    public Integer call() {
        StartupRule rule = startup.rule();
        Path recording = outputs.output(RecordingOptions.runName(mainName(command)));
        // stdout belongs to the app: memprof speaks on stderr
        return record(command, recording, rule, engine.asyncProfiler(), !noHeapSnapshot, !noLiveSetGc,
                written -> outputs.report(written, spec.commandLine().getErr()));
    }

    /**
     * Runs {@code command} recording into {@code recording} (marking startup's end by {@code rule} when not null;
     * allocations by {@code asyncProfiler} unless null; a heap snapshot at startup's end when {@code heapSnapshot} and a
     * rule is given; a full GC now and then with {@code liveSetGc}), then {@code afterwards}; returns the JVM's exit code.
     */
    static int record(List<String> command, Path recording, StartupRule rule, AsyncProfiler asyncProfiler, boolean heapSnapshot,
                      boolean liveSetGc,
                      Consumer<Path> afterwards) {
        boolean snapshot = heapSnapshot && rule != null;
        LaunchedRecording run = LaunchedRecording.start(command, recording, rule, asyncProfiler, snapshot, liveSetGc);
        PrintWriter err = new PrintWriter(System.err, true);
        RunFindings findings = RunFindings.gather(run, command, snapshot, err);
        try (ShutdownGuard guard = new ShutdownGuard(run::requestStop)) {
            int exitCode = run.waitFor();
            findings.await(err);
            try {
                Path written = run.finish();
                if (rule != null && (!run.ready().isDone() || run.ready().isCompletedExceptionally())) {
                    System.err.println("memprof run: the app never became ready (" + rule.describe() + "); reports detect startup's end instead");
                }
                if (run.markProblem() != null) System.err.println("memprof run: " + run.markProblem());
                afterwards.accept(written);
            } catch (RecorderException e) {
                throw new UserError(e.getMessage(), e); // memprof's own failure: 125 for run, whatever the app exited with
            }
            return exitCode;
        }
    }

    /** The main class's simple name, the jar's or source file's name without extension, or "run". */
    static String mainName(List<String> command) {
        for (int i = 1; i < command.size(); i++) {
            String word = command.get(i);
            if ((word.equals("-jar") || word.equals("-m") || word.equals("--module")) && i + 1 < command.size()) {
                String main = command.get(i + 1);
                return word.equals("-jar") ? strip(Path.of(main).getFileName().toString(), ".jar")
                        : main.substring(main.indexOf('/') + 1).replaceAll(".*\\.", "");
            }
            if (WITH_VALUE.contains(word)) {
                i++;
            } else if (!word.startsWith("-")) {
                return word.endsWith(".java") ? strip(Path.of(word).getFileName().toString(), ".java")
                        : word.substring(word.lastIndexOf('.') + 1);
            }
        }
        return "run";
    }

    private static String strip(String name, String extension) {
        return name.endsWith(extension) ? name.substring(0, name.length() - extension.length()) : name;
    }
}
