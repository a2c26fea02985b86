package dev.memprof.cli;

import dev.memprof.recorder.HeapDump;
import dev.memprof.recorder.LaunchedRecording;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * memprof's findings about a recorded app (launched, or attached to with --heap-snapshot), added to its recording as
 * chunks of their own (see {@link FindingsChunk}):
 * the jars it was packaged with, and what holds its heap at startup's end, from the live heap dump the target writes
 * then ({@link LaunchedRecording#startupHeapDump()}), read in memprof's process while the app goes on, then deleted.
 */
final class RunFindings {
    /** How long memprof waits, after the app exited, for the heap snapshot's reading to finish. */
    private static final Duration WAIT = Duration.ofMinutes(2);
    private final CompletableFuture<Void> jars, snapshot;

    private RunFindings(CompletableFuture<Void> jars, CompletableFuture<Void> snapshot) {
        this.jars = jars;
        this.snapshot = snapshot;
    }

    /** Starts gathering; {@code heapSnapshot}: whether {@code run} was asked for a dump at startup's end. */
    static RunFindings gather(LaunchedRecording run, List<String> command, boolean heapSnapshot, PrintWriter err) {
        return gather(run::appendChunk, command, heapSnapshot ? run.startupHeapDump() : null, err);
    }

    /**
     * Starts gathering into {@code appendChunk}: the jars {@code command} packages, and what {@code heapDump} (when not
     * null: the file memprof will get, in a folder private to its user) says.
     */
    static RunFindings gather(Consumer<Path> appendChunk, List<String> command, CompletableFuture<Path> heapDump, PrintWriter err) {
        CompletableFuture<Void> jars = CompletableFuture.runAsync(() -> {
            List<PackagedJars.Jar> found = PackagedJars.of(command);
            if (!found.isEmpty()) append(appendChunk, () -> FindingsChunk.packagedJars(found), err);
        });
        CompletableFuture<Void> snapshot = heapDump == null ? CompletableFuture.completedFuture(null)
                : heapDump.handle((dump, failed) -> {
                    if (dump != null) {
                        try {
                            append(appendChunk, () -> SnapshotEvents.chunk(dump), err);
                        } finally {
                            HeapDump.delete(dump);
                        }
                    } else if (!(cause(failed) instanceof IllegalStateException)) { // not "exited before ready": said elsewhere
                        String why = "no heap snapshot at startup's end: " + cause(failed).getMessage();
                        append(appendChunk, () -> FindingsChunk.note(why), err);
                    }
                    return null;
                });
        return new RunFindings(jars, snapshot);
    }

    /** After the app exited: waits for the findings to be added, so {@link LaunchedRecording#finish()} includes them. */
    void await(PrintWriter err) {
        try {
            CompletableFuture.allOf(jars, snapshot).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            err.println("memprof: the heap snapshot's reading took over " + WAIT.toMinutes() + " minutes; the recording is written without it");
        } catch (ExecutionException e) {
            err.println("memprof: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Throwable cause(Throwable failed) {
        return failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
    }

    interface ChunkWriter {
        Path write() throws IOException;
    }

    private static void append(Consumer<Path> appendChunk, ChunkWriter writer, PrintWriter err) {
        try {
            appendChunk.accept(writer.write());
        } catch (IOException | RuntimeException e) {
            synchronized (err) {
                err.println("memprof: could not add its findings to the recording (" + e.getMessage() + ")");
                err.flush();
            }
        }
    }
}
