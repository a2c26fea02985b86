package dev.memprof.cli;

import dev.memprof.analysis.DurationParser;
import dev.memprof.recorder.AttachedRecording;
import dev.memprof.recorder.JvmProcesses;
import dev.memprof.recorder.ShutdownGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** {@code memprof attach}: record a running JVM through the Attach API, then leave it as it was. */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = "Record a running JVM for a while, then leave it as it was.",
        footer = {"", "Examples:",
                "  memprof attach 41822 --duration 30s -o worker.jfr",
                "  memprof attach Worker --html     until Ctrl-C; with the HTML report",
                "  memprof attach 41822 --engine async-profiler --native -d 1m"})
final class AttachCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<pid|name>",
            description = "A pid, or part of a main class or jar name, as `memprof ps` shows them.")
    String target;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to record: 500ms, 30s, 2m, 1h (default: until Ctrl-C, at most 1 h).")
    Duration duration;

    @Option(names = "--heap-snapshot", description = "Also take a live heap dump when the recording starts, read what holds the "
            + "heap (for the deferrable libraries' retained heap), keep that in the recording and delete the dump. It runs a full "
            + "GC and pauses the target (about a second per few hundred MB of live heap): off by default.")
    boolean heapSnapshot;

    @Mixin
    RecordingOptions outputs;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JvmProcesses.Jvm jvm = JvmProcesses.resolve(target);
        Path recording = outputs.output("memprof-" + jvm.pid() + ".jfr");
        AttachedRecording attached = AttachedRecording.start(jvm, recording, duration, engine.asyncProfiler());
        try (ShutdownGuard guard = new ShutdownGuard(attached::requestStop)) {
            attached.agentProblem().ifPresent(problem -> spec.commandLine().getErr().println("memprof attach: agent not loaded: "
                    + problem + "; frames are grouped by package and module only"));
            attached.stackDepthProblem().ifPresent(problem -> spec.commandLine().getErr().println("memprof attach: " + problem));
            if (!Main.quiet) out.println("recording pid " + jvm.pid() + " (" + dev.memprof.report.Units.printable(jvm.main()) + ") "
                    + (duration == null ? "until Ctrl-C (at most 1 h)" : "for " + DurationParser.format(duration))
                    + " into " + recording + "; press Ctrl-C to stop");
            RunFindings findings = !heapSnapshot ? null : RunFindings.gather(attached::appendChunk, List.of(),
                    CompletableFuture.supplyAsync(attached::heapDump), spec.commandLine().getErr());
            AttachedRecording.Ending ending = attached.awaitEnd();
            if (findings != null) findings.await(spec.commandLine().getErr());
            Path written = attached.finish();
            if (ending == AttachedRecording.Ending.TARGET_EXITED) out.println("pid " + jvm.pid() + " exited; recorded until its exit");
            if (ending == AttachedRecording.Ending.LIMIT) out.println("stopped at the 1 h limit; give --duration to record longer");
            outputs.report(written, out);
        }
        return ExitCode.OK;
    }
}
