package dev.memprof.analysis;

import dev.memprof.analysis.jfr.ChunkHeaders;
import dev.memprof.analysis.jfr.ConsumerObject;
import dev.memprof.analysis.jfr.JfrFile;
import dev.memprof.analysis.startup.DeferrableLibraries;
import dev.memprof.analysis.startup.StartupEvidence;
import dev.memprof.analysis.startup.StartupReport;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JFR recording in one streaming pass into a {@link Profile}. Events are aggregated as they
 * arrive (nothing per event is kept), so memory follows the number of distinct stacks, not the
 * file's size. memprof's own parser ({@link JfrFile}) feeds it by default; the JDK's
 * ({@code jdk.jfr.consumer}) is the reference it is tested against, chosen with
 * {@code -Dmemprof.reader=jdk}. Both see events through the same views, so {@link RecordingEvents} is the
 * one place that says what an event means; {@link RecordingNames} names what events point to.
 */
public final class ProfileReader {
    private final List<String> warnings = new ArrayList<>();

    private ProfileReader() {}

    public static Profile read(Path file) throws RecordingException {
        return read(file, TimeRange.WHOLE);
    }

    /** Only allocations (and live objects allocated) in {@code range}; the heap timeline is always whole. */
    public static Profile read(Path file, TimeRange range) throws RecordingException {
        return read(file, range, "jdk".equals(System.getProperty("memprof.reader")));
    }

    /** @param reference read with the JDK's parser rather than memprof's own */
    static Profile read(Path file, TimeRange range, boolean reference) throws RecordingException {
        return new ProfileReader().readFile(file, range, reference);
    }

    static Profile read(Path file, boolean reference) throws RecordingException {
        return read(file, TimeRange.WHOLE, reference);
    }

    private Profile readFile(Path file, TimeRange range, boolean reference) throws RecordingException {
        ChunkHeaders.Span span = scan(file);
        long duration = span.durationNanos();
        if (!span.complete()) {
            warnings.add("the recording's last chunk is incomplete (cut short, or still being written); reporting what it holds");
            duration = Math.max(duration, lastModifiedNanos(file) - span.startEpochNanos());
        }
        Timeline timeline = new Timeline(span.startEpochNanos(), duration);
        StartupEvidence evidence = new StartupEvidence(span.startEpochNanos(), duration);
        TimeRange.Window window;
        try {
            window = range.resolve(span.startEpochNanos(), duration, ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new RecordingException(e.getMessage(), e);
        }
        CallTree tree = new CallTree();
        RecordingNames names = new RecordingNames(tree, evidence.stacks());
        RecordingEvents events = new RecordingEvents(names, timeline, evidence, window);
        if (span.completeBytes() == 0) {
            throw new RecordingException(file + " cannot be read: its first chunk is cut short or damaged");
        }
        if (reference) {
            readWithJdk(file, span, events);
        } else {
            readWithJfrFile(file, span, events);
        }
        AllocationSamples allocations = events.allocationSamples();
        allocations.addFirstSamples(span.startEpochNanos(), duration);
        names.nameLibraries(events.libraries());
        if (events.libraries().isEmpty()) {
            warnings.add("no code sources in this recording (recorded without the memprof agent): frames are grouped by package and JDK module only");
        }
        events.nativeMemory().finish();
        RecordingInfo info = events.info(file.toString(), span.startEpochNanos(), duration, span.chunks(), List.copyOf(warnings));
        StartupReport startup = new DeferrableLibraries(evidence, events.findings(), info, names.classes, names.modules,
                names.libraryNames, names.frames, tree, events.libraries()).judge();
        return new Profile(info, names.classes, names.threads, names.libraryNames, names.frames, tree, allocations.table(),
                timeline, startup, events.liveObjects(), window, allocations.rate(), events.nativeMemory(),
                events.liveSet().readings());
    }

    private static ChunkHeaders.Span scan(Path file) throws RecordingException {
        try {
            return ChunkHeaders.scan(file);
        } catch (ChunkHeaders.UnreadableFileException e) {
            throw new RecordingException(e.getMessage(), e.getCause());
        }
    }

    private void readWithJdk(Path file, ChunkHeaders.Span span, RecordingEvents events) throws RecordingException {
        Path readable = span.complete() ? file : completeChunks(file, span);
        try (RecordingFile recording = new RecordingFile(readable)) {
            while (recording.hasMoreEvents()) {
                events.accept(ConsumerObject.of(recording.readEvent()));
            }
        } catch (IOException | RuntimeException | InternalError e) { // the JDK's parser throws InternalError on some damage
            damaged(file, e, events);
        } finally {
            if (readable != file) deleteQuietly(readable);
        }
    }

    private void readWithJfrFile(Path file, ChunkHeaders.Span span, RecordingEvents events) throws RecordingException {
        try {
            JfrFile.read(file, span.completeBytes(), events);
        } catch (IOException | JfrFile.DamagedChunkException e) {
            damaged(file, e, events);
        } catch (JfrFile.UnsupportedRecordingException e) {
            readWithJdk(file, span, events); // nothing was read yet
        }
    }

    private void damaged(Path file, Throwable e, RecordingEvents events) throws RecordingException {
        if (events.nothingRead()) {
            throw new RecordingException(file + " cannot be read as a JFR recording (" + e.getMessage() + ")", e);
        }
        warnings.add("stopped reading at a damaged part of the recording (" + e.getMessage() + "); reporting what came before");
    }

    /**
     * A copy of the chunks that are whole: the JDK's reader reads one event ahead, so a cut last chunk
     * would otherwise cost the event before it, and a chunk's metadata is at its end anyway.
     */
    private static Path completeChunks(Path file, ChunkHeaders.Span span) throws RecordingException {
        try {
            Path copy = Files.createTempFile("memprof-complete-chunks", ".jfr");
            try (var in = FileChannel.open(file); var out = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                long done = 0;
                while (done < span.completeBytes()) done += in.transferTo(done, span.completeBytes() - done, out);
            }
            return copy;
        } catch (IOException e) {
            throw new RecordingException(file + ": cannot copy its complete chunks (" + e.getMessage() + ")", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private static long lastModifiedNanos(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().toEpochMilli() * 1_000_000L;
        } catch (IOException e) {
            return 0;
        }
    }
}
