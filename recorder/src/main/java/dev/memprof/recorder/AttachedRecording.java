package dev.memprof.recorder;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import sun.tools.attach.HotSpotVirtualMachine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A JFR recording in a running JVM, started through the Attach API, plus memprof's agent when the target
 * allows it. The target writes the file ({@code <output>.part}, renamed when complete). In the target, the
 * recording's own duration is a safety net: it ends even if memprof is killed.
 * <p>
 * Use: {@link #start}, then {@link #awaitEnd()} (any thread may {@link #requestStop()}), then {@link #finish()}.
 */
public final class AttachedRecording {
    /** Why a recording ended. */
    public enum Ending { DURATION, STOPPED, TARGET_EXITED, LIMIT }

    /** When no duration is given, memprof stops at this. */
    public static final Duration LIMIT = Duration.ofHours(1);
    /** JFR in the target ends the recording this long after memprof should have stopped it: the safety net, should memprof be gone. */
    public static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

    private final JvmProcesses.Jvm target;
    private final ProcessHandle process;
    private final HotSpotVirtualMachine vm;
    private final String name;
    private final Path output;
    private final Duration duration;
    private final String agentProblem, stackDepthProblem;
    private final List<Path> chunks = new ArrayList<>();
    private final AsyncProfiler asyncProfiler;
    private final TargetFolder folder;
    /** What the target writes: JFR's recording, async-profiler's, async-profiler's log. */
    private final TargetFolder.Place part, asyncPart, asyncLog;
    private final Path library;
    private final long startNanos = System.nanoTime();
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    private AttachedRecording(JvmProcesses.Jvm target, ProcessHandle process, HotSpotVirtualMachine vm, String name,
                              Path output, Duration duration, String agentProblem, String stackDepthProblem,
                              AsyncProfiler asyncProfiler, Handover files) {
        this.target = target;
        this.process = process;
        this.vm = vm;
        this.name = name;
        this.output = output;
        this.duration = duration;
        this.agentProblem = agentProblem;
        this.stackDepthProblem = stackDepthProblem;
        this.asyncProfiler = asyncProfiler;
        this.folder = files.folder;
        this.part = files.part;
        this.asyncPart = files.asyncPart;
        this.asyncLog = files.asyncLog;
        this.library = files.library;
    }

    /** Starts recording {@code target} into {@code output}, for {@code duration} or, when null, until stopped. */
    public static AttachedRecording start(JvmProcesses.Jvm target, Path output, Duration duration) {
        return start(target, output, duration, null);
    }

    /** As {@link #start(JvmProcesses.Jvm, Path, Duration)}; allocations by {@code asyncProfiler} when not null. */
    public static AttachedRecording start(JvmProcesses.Jvm target, Path output, Duration duration, AsyncProfiler asyncProfiler) {
        long pid = target.pid();
        TargetJdk.requireForAttach(target);
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new RecorderException("pid " + pid + " has exited"));
        Path out = output.toAbsolutePath(); // the target resolves relative paths against its own directory
        String name = "memprof-" + ProcessHandle.current().pid();
        Duration safetyNet = (duration == null ? LIMIT : duration).plus(SAFETY_MARGIN);
        Handover files = Handover.into(pid, out, asyncProfiler);
        try {
            return start(target, process, out, name, duration, safetyNet, asyncProfiler, files);
        } catch (RuntimeException e) {
            files.folder.close();
            throw e;
        }
    }

    private static AttachedRecording start(JvmProcesses.Jvm target, ProcessHandle process, Path out, String name, Duration duration,
                                           Duration safetyNet, AsyncProfiler asyncProfiler, Handover files) {
        long pid = target.pid();
        HotSpotVirtualMachine vm;
        try {
            vm = (HotSpotVirtualMachine) VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException | ClassCastException e) {
            if (String.valueOf(e.getMessage()).contains("does not support the attach mechanism")) {
                throw new RecorderException("pid " + pid + " was started with -XX:+DisableAttachMechanism, so it cannot be "
                        + "attached to; record it from its start with memprof run", e);
            }
            throw new RecorderException("cannot attach to pid " + pid + ": " + oneLine(e)
                    + "; memprof must run as the target's user, and the target without -XX:+DisableAttachMechanism", e);
        }
        if (asyncProfiler != null) {
            try {
                // after memprof's own limit, never before: a killed memprof leaves nothing running
                asyncProfiler.startIn(vm, files.library, files.asyncPart.target(), files.asyncLog,
                        (duration == null ? LIMIT : duration).plus(SAFETY_MARGIN));
            } catch (RecorderException e) {
                detach(vm);
                throw e;
            }
        }
        String stackDepthProblem = StackDepth.configure(vm).orElse(null);
        try {
            String reply = jcmd(vm, "JFR.start name=" + name + " settings=" + quote(files.settings) + " filename="
                    + quote(files.part.target()) + " dumponexit=true duration=" + Math.max(1, safetyNet.toSeconds()) + "s");
            if (!reply.contains("Started recording")) {
                throw new RecorderException("JFR did not start in pid " + pid + ": " + firstLine(reply));
            }
        } catch (IOException | RuntimeException e) {
            if (asyncProfiler != null) stopAsyncProfilerQuietly(vm, asyncProfiler, files);
            detach(vm);
            if (!process.isAlive()) throw new RecorderException("pid " + pid + " exited while memprof was starting its recording", e);
            if (e instanceof RecorderException re) throw re;
            throw new RecorderException("JFR did not start in pid " + pid + ": " + oneLine(e), e);
        }
        String agentProblem = null;
        try {
            vm.loadAgent(files.agentJar.toString(), "recording=" + name);
        } catch (AgentLoadException | AgentInitializationException | IOException | RuntimeException e) {
            agentProblem = oneLine(e);
        }
        return new AttachedRecording(target, process, vm, name, out, duration, agentProblem, stackDepthProblem, asyncProfiler, files);
    }

    /**
     * What memprof hands to the target (paths as the target sees them), in a fresh {@link TargetFolder}, and where the
     * target writes: beside the output when it shares our files and user; else (a container, or another user's JVM
     * recorded by root) in the folder's part the target may write, moved out by finish().
     */
    private record Handover(TargetFolder folder, Path settings, Path agentJar, Path library,
                            TargetFolder.Place part, TargetFolder.Place asyncPart, TargetFolder.Place asyncLog) {
        static Handover into(long pid, Path output, AsyncProfiler asyncProfiler) {
            TargetFolder folder = folderFor(pid, asyncProfiler);
            try {
                return new Handover(folder, RecorderFiles.settings(folder, asyncProfiler), RecorderFiles.agentJar(folder),
                        asyncProfiler == null ? null : asyncProfiler.library(folder), written(folder, output, ".part"),
                        written(folder, output, ".async-profiler.part"), written(folder, output, ".async-profiler.log"));
            } catch (RuntimeException e) {
                folder.close();
                throw e;
            }
        }

        /**
         * A fresh folder; for async-profiler named as the one an earlier attach loaded it from, when that name is free:
         * the target then finds the library it has loaded by its path, rather than loading a second copy.
         */
        private static TargetFolder folderFor(long pid, AsyncProfiler asyncProfiler) {
            String loaded = asyncProfiler == null ? null : AsyncProfiler.loadedFolder(pid);
            if (loaded != null) {
                try {
                    return TargetFolder.forProcess(pid, loaded);
                } catch (RecorderException taken) {
                    // that name is in use again: a new folder, and a second copy of the library in the target
                }
            }
            return TargetFolder.forProcess(pid);
        }

        private static TargetFolder.Place written(TargetFolder folder, Path output, String suffix) {
            return folder.sharesOurFiles() ? TargetFolder.Place.shared(output.resolveSibling(output.getFileName() + suffix))
                    : folder.writableByTarget(output.getFileName() + suffix);
        }
    }

    public JvmProcesses.Jvm target() {
        return target;
    }

    /** Why the agent is not in the target (e.g. -XX:-EnableDynamicAgentLoading), or empty when it is. */
    public Optional<String> agentProblem() {
        return Optional.ofNullable(agentProblem);
    }

    /** Why stacks may lose their outer frames in this recording (the target's JFR depth could not be raised), if so. */
    public Optional<String> stackDepthProblem() {
        return Optional.ofNullable(stackDepthProblem);
    }

    /** Makes {@link #awaitEnd()} return; callable from any thread (a shutdown hook). */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Waits for the duration (or {@link #LIMIT}), a stop request, or the target's exit. */
    public Ending awaitEnd() {
        long deadline = startNanos + (duration == null ? LIMIT : duration).toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return duration == null ? Ending.LIMIT : Ending.DURATION;
                if (stopRequested.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS)) {
                    return Ending.STOPPED;
                }
                if (!process.isAlive()) return Ending.TARGET_EXITED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Ending.STOPPED;
        }
    }

    /** Stops the recording (unless the target has exited and dumped it), leaves nothing running, returns the file. */
    /**
     * Has the target write a live heap dump now (a full GC and a pause of the target: only when the user asks), and
     * returns it in a folder private to memprof's user; the caller reads it, then {@link HeapDump#delete}s it.
     */
    public Path heapDump() {
        Path file = HeapDump.privateFolder().resolve("heap.hprof");
        try {
            if (folder.sharesOurFiles()) {
                HeapDump.write(vm, target.pid(), file, file);
            } else { // another user's JVM, or one in a container: it writes where it may, memprof takes the file out
                TargetFolder.Place place = folder.writableByTarget("heap.hprof");
                HeapDump.write(vm, target.pid(), place.target(), place.host());
                TargetFolder.take(place, file);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            HeapDump.delete(file);
            if (e instanceof RecorderException re) throw re;
            throw new RecorderException("no heap dump from pid " + target.pid() + ": " + oneLine(e), e);
        }
    }

    /** A JFR chunk (memprof's findings) to append to the recording when it is finished. */
    public synchronized void appendChunk(Path chunk) {
        chunks.add(chunk);
    }

    public Path finish() {
        try {
            boolean stopped = false;
            try {
                if (process.isAlive()) stopped = stopInTarget();
            } finally {
                detach(vm);
            }
            if (!stopped) {
                // The target is exiting: JFR's dumponexit writes the file before the process ends.
                process.onExit().completeOnTimeout(process, 60, TimeUnit.SECONDS).join();
            }
            Path jfrPart = fromTarget(part, output.resolveSibling(output.getFileName() + ".part"));
            if (!Files.exists(jfrPart)) {
                throw new RecorderException("pid " + target.pid() + " ended without writing its recording (killed?"
                        + (folder.sharesOurFiles() ? ")" : " in a container, its files end with it)"));
            }
            synchronized (this) {
                Chunks.append(jfrPart, chunks);
            }
            if (asyncProfiler != null) return AsyncProfiler.join(jfrPart, fromTarget(asyncPart, AsyncProfiler.partOf(output)), output);
            Files.move(jfrPart, output, StandardCopyOption.REPLACE_EXISTING);
            return output;
        } catch (IOException e) {
            throw new RecorderException("cannot write " + output + ": " + oneLine(e), e);
        } finally {
            folder.close();
        }
    }

    /** A file the target wrote, beside the output: where it is already, or moved there from the target's folder. */
    private static Path fromTarget(TargetFolder.Place written, Path beside) throws IOException {
        if (written.host().equals(beside)) return beside;
        if (!Files.exists(written.host(), LinkOption.NOFOLLOW_LINKS)) return written.host(); // not written
        return TargetFolder.take(written, beside);
    }

    /**
     * True when stopped; false when the target went away meanwhile. The agent removes itself when this recording
     * stops (it was given its name), so no second loadAgent("stop"): on JDK 21+ that would print JEP 451's
     * warning in the target again.
     */
    private boolean stopInTarget() {
        if (asyncProfiler != null) {
            try {
                asyncProfiler.stopIn(vm, library, asyncLog);
            } catch (RecorderException e) {
                if (!process.isAlive()) return false;
                throw e;
            }
        }
        try {
            String reply = jcmd(vm, "JFR.stop name=" + name);
            if (reply.contains("Stopped recording")) return true;
            if (!process.isAlive()) return false; // exiting: its dumponexit writes the file
            // memprof late (a loaded machine, or the 1 h limit): the safety net ended it, and JFR wrote the file
            if (Files.exists(part.host()) && !jcmd(vm, "JFR.check").contains("name=" + name + " ")) return true;
            throw new RecorderException("cannot stop the recording in pid " + target.pid() + ": " + firstLine(reply));
        } catch (IOException e) {
            if (!process.isAlive()) return false;
            throw new RecorderException("cannot stop the recording in pid " + target.pid() + ": " + oneLine(e), e);
        }
    }

    /** JFR did not start: async-profiler must not keep running, nor its file stay. */
    private static void stopAsyncProfilerQuietly(VirtualMachine vm, AsyncProfiler asyncProfiler, Handover files) {
        try {
            asyncProfiler.stopIn(vm, files.library, files.asyncLog);
        } catch (RecorderException ignored) {
            // the target is gone or has stopped it
        }
        AsyncProfiler.deleteQuietly(files.asyncPart.host());
    }

    static String jcmd(HotSpotVirtualMachine vm, String command) throws IOException {
        try (InputStream in = vm.executeJCmd(command)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A value of a diagnostic command; the command line is split at spaces, quotes keep a path whole. */
    static String quote(Path path) {
        String s = path.toString();
        if (s.contains("\"")) throw new RecorderException("paths with \" cannot be passed to JFR: " + s);
        return s.contains(" ") ? "\"" + s + "\"" : s;
    }

    private static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // gone already
        }
    }

    /** The first line, without a final period: it goes inside a sentence of ours. */
    static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("no reply").replaceFirst("\\.$", "");
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : firstLine(message);
    }
}
