package dev.memprof.recorder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM started by memprof with JFR on from its first moment and the agent as {@code -javaagent}, so startup is
 * seen too. The child shares our terminal; it writes its recording at exit ({@code dumponexit}), also on
 * Ctrl-C or SIGTERM.
 */
public final class LaunchedRecording {
    private final Process process;
    private final Path output, part;
    private final boolean asyncProfiler;

    private LaunchedRecording(Process process, Path output, Path part, boolean asyncProfiler) {
        this.process = process;
        this.output = output;
        this.part = part;
        this.asyncProfiler = asyncProfiler;
    }

    /** Starts {@code java [jvm args] Main|-jar app.jar [args]} (the first word any java executable) recording into {@code output}. */
    public static LaunchedRecording start(List<String> command, Path output) {
        return start(command, output, null, null);
    }

    /** As {@link #start(List, Path)}; allocations by {@code asyncProfiler} when not null. */
    public static LaunchedRecording start(List<String> command, Path output, AsyncProfiler asyncProfiler) {
        return start(command, output, asyncProfiler, null);
    }

    /** As {@link #start(List, Path, AsyncProfiler)}, with the child's stdout and stderr to {@code log} instead of ours. */
    static LaunchedRecording start(List<String> command, Path output, AsyncProfiler asyncProfiler, Path log) {
        if (command.isEmpty() || !Path.of(command.get(0)).getFileName().toString().matches("java(\\.exe)?")) {
            throw new RecorderException("expected a java command, e.g. memprof run -- java -jar app.jar; got: "
                    + String.join(" ", command));
        }
        Path out = output.toAbsolutePath();
        Path part = out.resolveSibling(out.getFileName() + ".part");
        Path settings = asyncProfiler == null ? RecorderFiles.settings() : RecorderFiles.settingsWithoutAllocationSamples();
        if ((part.toString() + settings).contains(",")) {
            throw new RecorderException("the output path must not contain ',' (JFR's option separator): " + part);
        }
        List<String> full = new ArrayList<>();
        full.add(command.get(0));
        full.add("-javaagent:" + RecorderFiles.agentJar());
        if (asyncProfiler != null) full.add(asyncProfiler.agentPath(AsyncProfiler.partOf(out)));
        full.add("-XX:StartFlightRecording=name=memprof,settings=" + settings + ",filename=" + part + ",dumponexit=true");
        full.add("-XX:FlightRecorderOptions=stackdepth=128");
        full.add("-Xlog:jfr+startup=error"); // JFR's errors, not its "Started recording" lines in the app's output
        full.addAll(command.subList(1, command.size()));
        try {
            ProcessBuilder builder = new ProcessBuilder(full).inheritIO();
            if (log != null) builder.redirectErrorStream(true).redirectOutput(log.toFile());
            return new LaunchedRecording(builder.start(), out, part, asyncProfiler != null);
        } catch (IOException e) {
            throw new RecorderException("cannot start " + command.get(0) + ": " + AttachedRecording.oneLine(e), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Asks the child to end (SIGTERM: its JFR still writes the file); callable from any thread. */
    public void requestStop() {
        process.destroy();
    }

    /** Waits for the child; returns its exit code. */
    public int waitFor() {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                requestStop(); // keep waiting: the file is written as the child exits
            }
        }
    }

    /** After {@link #waitFor()}: the recording, renamed from {@code .part}. */
    public Path finish() {
        if (!Files.exists(part)) {
            throw new RecorderException("the JVM ended (exit code " + process.exitValue()
                    + ") without writing its recording (killed, or JFR could not start)");
        }
        if (asyncProfiler) return AsyncProfiler.join(part, AsyncProfiler.partOf(output), output);
        try {
            Files.move(part, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RecorderException("cannot rename " + part + " to " + output.getFileName() + ": "
                    + AttachedRecording.oneLine(e), e);
        }
        return output;
    }
}
