package dev.memprof.recorder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A JVM started by memprof with JFR on from its first moment and the agent as {@code -javaagent}, so startup is
 * seen too. The child shares our terminal; it writes its recording at exit ({@code dumponexit}), also on
 * Ctrl-C or SIGTERM.
 */
public final class LaunchedRecording {
    private final Process process;
    private final Path output, part;
    private final CompletableFuture<Instant> ready;
    private final List<Thread> pumps;
    private volatile String markProblem;
    private final Path markFile;
    private final boolean asyncProfiler;
    private final TargetFolder folder;
    /** The live heap dump taken at startup's end; never completes when none was asked for. */
    private final CompletableFuture<Path> startupHeapDump = new CompletableFuture<>();
    private final List<Path> chunksToAppend = new ArrayList<>();
    /** memprof check: the dump follows the agent's full GC, in {@link #awaitStartup}. */
    private final boolean dumpAfterGc;
    private final AtomicBoolean dumping = new AtomicBoolean();

    private LaunchedRecording(Process process, Path output, Path part, StartupWatch watch, TargetFolder folder, Path markFile,
                              List<Thread> pumps, boolean asyncProfiler, boolean heapDump, boolean collect) {
        this.dumpAfterGc = heapDump && collect;
        this.process = process;
        this.folder = folder;
        this.asyncProfiler = asyncProfiler;
        this.output = output;
        this.part = part;
        this.pumps = pumps;
        this.markFile = markFile;
        this.ready = watch == null ? new CompletableFuture<>() : watch.ready();
        if (watch != null) {
            watch.watch(process);
            ready.thenAccept(moment -> mark(markFile, watch.rule(), moment));
            // on its own thread: a log rule completes `ready` on the thread that passes on the app's output
            if (heapDump && !collect) ready.thenRunAsync(this::dumpHeap, LaunchedRecording::daemon);
            process.onExit().thenRun(() -> ready.completeExceptionally(new IllegalStateException("the app exited before it was ready")));
            if (heapDump) {
                process.onExit().thenRun(() -> {
                    if (dumping.compareAndSet(false, true)) { // no dump started: none will be
                        startupHeapDump.completeExceptionally(new IllegalStateException("the app exited before it was ready"));
                    }
                });
            }
        }
    }

    /** Hands the moment to the agent in the target (see the agent's StartupMarker), which records it. */
    private void mark(Path markFile, StartupRule rule, Instant moment) {
        try {
            Path temp = markFile.resolveSibling(markFile.getFileName() + ".tmp");
            long nanos = moment.getEpochSecond() * 1_000_000_000L + moment.getNano();
            Files.writeString(temp, rule.kind() + "\n" + rule.describe().replace('\n', ' ') + "\n" + nanos + "\n");
            Files.move(temp, markFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            markProblem = "could not mark startup's end in the recording (" + AttachedRecording.oneLine(e) + ")";
        }
    }

    /** Takes the live heap dump at startup's end (once); see {@link #startupHeapDump()}. */
    private void dumpHeap() {
        if (!dumping.compareAndSet(false, true)) return;
        Path file = HeapDump.privateFolder().resolve("startup.hprof");
        try {
            HeapDump.write(process.pid(), file);
            if (!startupHeapDump.complete(file)) HeapDump.delete(file); // the app exited meanwhile: told already
        } catch (RuntimeException e) {
            HeapDump.delete(file);
            startupHeapDump.completeExceptionally(e);
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "memprof-heap-dump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts {@code java [jvm args] Main|-jar app.jar [args]} (the first word any java executable) recording into {@code output}. */
    public static LaunchedRecording start(List<String> command, Path output) {
        return start(command, output, null, null);
    }

    /**
     * As {@link #start(List, Path)}: marks in the recording when the app is ready by {@code startup} (none when null:
     * reports then detect startup's end from class loading); allocations by {@code asyncProfiler} when not null.
     */
    public static LaunchedRecording start(List<String> command, Path output, StartupRule startup, AsyncProfiler asyncProfiler) {
        return start(command, output, startup, asyncProfiler, false, true);
    }

    /**
     * As {@link #start(List, Path, StartupRule, AsyncProfiler)}; at startup's end the target writes a live heap dump
     * (see {@link #startupHeapDump()}) when {@code heapDump} and a startup rule are given; with {@code liveSetGc} the
     * agent runs a full GC now and then (at most 2% of the time; see the agent's LiveSetGc), so the recording holds
     * readings of the live set.
     */
    public static LaunchedRecording start(List<String> command, Path output, StartupRule startup, AsyncProfiler asyncProfiler,
                                          boolean heapDump, boolean liveSetGc) {
        return start(command, output, startup, asyncProfiler, null, false, heapDump && startup != null, liveSetGc);
    }

    /**
     * For {@code memprof check}: as {@link #start(List, Path, StartupRule, AsyncProfiler)}, and at startup's end the
     * agent runs a full GC, so the recording holds the heap startup retains; see {@link #awaitStartup}. The app's output
     * goes to {@code log}.
     */
    public static LaunchedRecording startForStartup(List<String> command, Path output, StartupRule startup, Path log) {
        return start(command, output, startup, null, log, true, false, false);
    }

    /** As {@link #startForStartup(List, Path, StartupRule, Path)}, with a live heap dump after its full GC when {@code heapDump}. */
    public static LaunchedRecording startForStartup(List<String> command, Path output, StartupRule startup, Path log, boolean heapDump) {
        return start(command, output, startup, null, log, true, heapDump, false);
    }

    /** The child's stdout and stderr go to {@code log} instead of ours when it is not null. */
    static LaunchedRecording start(List<String> command, Path output, StartupRule startup, AsyncProfiler asyncProfiler,
                                   Path log, boolean collect, boolean heapDump, boolean liveSetGc) {
        if (command.isEmpty() || !Path.of(command.get(0)).getFileName().toString().matches("java(\\.exe)?")) {
            throw new RecorderException("expected a java command, e.g. memprof run -- java -jar app.jar; got: "
                    + String.join(" ", command));
        }
        Path out = output.toAbsolutePath();
        Path part = out.resolveSibling(out.getFileName() + ".part");
        if (part.toString().contains(",")) {
            throw new RecorderException("the output path must not contain ',' (JFR's option separator): " + part);
        }
        TargetFolder folder = TargetFolder.forChild();
        try {
            return start(command, out, part, folder, startup, asyncProfiler, log, collect, heapDump, liveSetGc);
        } catch (RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    private static LaunchedRecording start(List<String> command, Path out, Path part, TargetFolder folder, StartupRule startup,
                                           AsyncProfiler asyncProfiler, Path log, boolean collect, boolean heapDump,
                                           boolean liveSetGc) {
        Path settings = RecorderFiles.settings(folder, asyncProfiler);
        if (settings.toString().contains(",")) {
            throw new RecorderException("the temporary folder's path must not contain ',' (JFR's option separator): " + settings);
        }
        List<String> full = new ArrayList<>();
        full.add(command.get(0));
        // the child is ours (same user, same files): the agent writes its ".done" beside the mark, in our folder
        Path markFile = startup == null ? null : folder.hostPath("startup");
        String agentOptions = (liveSetGc ? "live-set-gc," : "") + (markFile == null ? "" : (collect ? "startup-gc=" : "startup=") + markFile);
        full.add("-javaagent:" + RecorderFiles.agentJar(folder) + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        if (asyncProfiler != null) full.add(asyncProfiler.agentPath(asyncProfiler.library(folder), AsyncProfiler.partOf(out)));
        full.add("-XX:StartFlightRecording=name=memprof,settings=" + settings + ",filename=" + part + ",dumponexit=true");
        full.add(StackDepth.launchOption());
        full.add("-Xlog:jfr+startup=error"); // JFR's errors, not its "Started recording" lines in the app's output
        full.addAll(command.subList(1, command.size()));
        StartupWatch watch = startup == null ? null : new StartupWatch(startup);
        // Only a log rule needs to read the app's output; otherwise the app keeps our terminal.
        boolean readOutput = startup instanceof StartupRule.LogLine;
        try {
            ProcessBuilder builder = new ProcessBuilder(full).inheritIO();
            if (readOutput) builder.redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(ProcessBuilder.Redirect.PIPE);
            if (log != null && !readOutput) builder.redirectErrorStream(true).redirectOutput(log.toFile());
            Process process = builder.start();
            List<Thread> pumps = new ArrayList<>();
            if (readOutput) {
                OutputStream logStream = log == null ? null : Files.newOutputStream(log);
                pumps.add(watch.pump(process.getInputStream(), log == null ? System.out : logStream, "memprof-stdout"));
                pumps.add(watch.pump(process.getErrorStream(), log == null ? System.err : logStream, "memprof-stderr"));
            }
            return new LaunchedRecording(process, out, part, watch, folder, markFile, pumps, asyncProfiler != null, heapDump, collect);
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

    /**
     * For {@link #startForStartup}: waits until the app is ready and the agent has marked it and run its GC, then asks
     * the app to end. Returns false when the app exited first or was not ready within {@code timeout} (stopped too).
     */
    public boolean awaitStartup(Duration timeout) {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            requestStop();
            return false;
        } catch (InterruptedException e) {
            requestStop();
            Thread.currentThread().interrupt();
            return false;
        }
        Path done = markFile.resolveSibling(markFile.getFileName() + ".done");
        for (int i = 0; i < 300 && process.isAlive() && !Files.exists(done); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                break;
            }
        }
        boolean measured = Files.exists(done);
        if (measured && dumpAfterGc) dumpHeap();
        requestStop();
        return measured;
    }

    /**
     * Completes with the live heap dump taken at startup's end (a file in a folder private to memprof's user; the caller
     * reads it, then {@link HeapDump#delete}s it), or exceptionally with why there is none. Never completes when no dump
     * was asked for, or the app never became ready.
     */
    public CompletableFuture<Path> startupHeapDump() {
        return startupHeapDump;
    }

    /** A JFR chunk (memprof's findings about this run) to append to the recording when it is finished. */
    public synchronized void appendChunk(Path chunk) {
        chunksToAppend.add(chunk);
    }

    /** Whether the app still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the app is ready by the startup rule given (exceptionally when it exits first); never without a rule. */
    public CompletableFuture<Instant> ready() {
        return ready;
    }

    /** Waits for the child; returns its exit code. */
    public int waitFor() {
        while (true) {
            try {
                int exitCode = process.waitFor();
                for (Thread pump : pumps) pump.join(2000); // the app's last lines, unless a grandchild holds the pipe
                return exitCode;
            } catch (InterruptedException e) {
                requestStop(); // keep waiting: the file is written as the child exits
            }
        }
    }

    /** Why the startup mark is missing from the recording, or null. */
    public String markProblem() {
        return markProblem;
    }

    /** After {@link #waitFor()}: the recording, renamed from {@code .part}. */
    public Path finish() {
        folder.close(); // the JVM has exited: nothing in it reads the folder any more
        if (!Files.exists(part)) {
            throw new RecorderException("the JVM ended (exit code " + process.exitValue()
                    + ") without writing its recording (killed, or JFR could not start)");
        }
        appendChunks(part);
        if (asyncProfiler) return AsyncProfiler.join(part, AsyncProfiler.partOf(output), output);
        try {
            Files.move(part, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RecorderException("cannot rename " + part + " to " + output.getFileName() + ": "
                    + AttachedRecording.oneLine(e), e);
        }
        return output;
    }

    private synchronized void appendChunks(Path recording) {
        Chunks.append(recording, chunksToAppend);
        chunksToAppend.clear();
    }
}
