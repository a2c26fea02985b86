package dev.memprof.analysis;

import dev.memprof.analysis.jfr.ConsumerObject;
import dev.memprof.analysis.jfr.EventSink;
import dev.memprof.analysis.jfr.JfrClass;
import dev.memprof.analysis.jfr.JfrEvent;
import dev.memprof.analysis.jfr.JfrFile;
import dev.memprof.analysis.jfr.JfrFrame;
import dev.memprof.analysis.jfr.JfrMethod;
import dev.memprof.analysis.jfr.JfrObject;
import dev.memprof.analysis.jfr.JfrStackTrace;
import dev.memprof.analysis.jfr.JfrThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JFR recording in one streaming pass into a {@link Profile}. Events are aggregated as they
 * arrive (nothing per event is kept), so memory follows the number of distinct stacks, not the
 * file's size. memprof's own parser ({@link JfrFile}) feeds it by default; the JDK's
 * ({@code jdk.jfr.consumer}) is the reference it is tested against, chosen with
 * {@code -Dmemprof.reader=jdk}. Both see events through the same views, so {@link #accept} is the
 * one place that says what an event means.
 */
public final class ProfileReader implements EventSink {
    static final String NO_STACK = "[no stack trace]";
    private static final int CACHE_LIMIT = 1 << 16;
    /** The event types {@link #accept} reads: add a type here when adding its case. */
    private static final Set<String> EVENT_TYPES = Set.of("jdk.ObjectAllocationSample", "jdk.GCHeapSummary",
            "jdk.MetaspaceSummary", "jdk.JVMInformation", "memprof.ClassSource");

    private final StringTable classes = new StringTable(), threads = new StringTable(), libraryNames = new StringTable();
    private final FrameTable frames = new FrameTable();
    private final List<String> frameModules = new ArrayList<>();
    private final CallTree tree = new CallTree();
    private final AllocationTable allocations = new AllocationTable();
    private final Libraries libraries = new Libraries();
    private final List<String> warnings = new ArrayList<>();
    // Both parsers hand out one object per constant-pool entry within a chunk: caching by it skips re-walking stacks.
    private final Map<JfrStackTrace, Integer> stackNodes = new HashMap<>();
    private final Map<JfrMethod, Integer> frameIds = new HashMap<>();
    private final Map<JfrClass, Integer> objectClassIds = new HashMap<>();
    private final Map<JfrThread, Integer> threadIds = new HashMap<>();
    private Timeline timeline;
    private String jvmName, jvmVersion, javaArguments, jvmArguments;
    private long pid = -1;

    private ProfileReader() {}

    public static Profile read(Path file) throws RecordingException {
        return read(file, "jdk".equals(System.getProperty("memprof.reader")));
    }

    /** @param reference read with the JDK's parser rather than memprof's own */
    static Profile read(Path file, boolean reference) throws RecordingException {
        return new ProfileReader().readFile(file, reference);
    }

    private Profile readFile(Path file, boolean reference) throws RecordingException {
        ChunkHeaders.Span span = ChunkHeaders.scan(file);
        long duration = span.durationNanos();
        if (!span.complete()) {
            warnings.add("the recording's last chunk is incomplete (cut short, or still being written); reporting what it holds");
            duration = Math.max(duration, lastModifiedNanos(file) - span.startEpochNanos());
        }
        timeline = new Timeline(span.startEpochNanos(), duration);
        if (reference) {
            readWithJdk(file, span);
        } else {
            readWithJfrFile(file, span);
        }
        for (int f = 0; f < frames.size(); f++) {
            String className = classes.get(frames.classId(f));
            frames.setLibrary(f, libraryNames.intern(libraries.libraryOf(className, frameModules.get(f))));
        }
        if (libraries.isEmpty()) {
            warnings.add("no code sources in this recording (recorded without the memprof agent): frames are grouped by package and JDK module only");
        }
        RecordingInfo info = new RecordingInfo(file.toString(), jvmName, jvmVersion, javaArguments, jvmArguments, pid,
                span.startEpochNanos(), duration, span.chunks(), !libraries.isEmpty(), List.copyOf(warnings));
        return new Profile(info, classes, threads, libraryNames, frames, tree, allocations, timeline);
    }

    private void readWithJdk(Path file, ChunkHeaders.Span span) throws RecordingException {
        Path readable = span.complete() ? file : completeChunks(file, span);
        try (RecordingFile recording = new RecordingFile(readable)) {
            while (recording.hasMoreEvents()) {
                accept(ConsumerObject.of(recording.readEvent()));
            }
        } catch (IOException | RuntimeException e) {
            damaged(file, e);
        } finally {
            if (readable != file) deleteQuietly(readable);
        }
    }

    private void readWithJfrFile(Path file, ChunkHeaders.Span span) throws RecordingException {
        if (span.completeBytes() == 0) {
            throw new RecordingException(file + " cannot be read: it was cut short before its first chunk was complete");
        }
        try {
            JfrFile.read(file, span.completeBytes(), this);
        } catch (IOException e) {
            damaged(file, e);
        } catch (JfrFile.DamagedChunkException e) {
            damaged(file, e);
        }
    }

    private void damaged(Path file, Exception e) throws RecordingException {
        if (allocations.size() == 0 && timeline.gcCount() == 0 && jvmVersion == null) {
            throw new RecordingException(file + " cannot be read as a JFR recording (" + e.getMessage() + ")", e);
        }
        warnings.add("stopped reading at a damaged part of the recording (" + e.getMessage() + "); reporting what came before");
    }

    /**
     * A copy of the chunks that are whole: the JDK's reader reads one event ahead, so a cut last chunk
     * would otherwise cost the event before it, and a chunk's metadata is at its end anyway.
     */
    private static Path completeChunks(Path file, ChunkHeaders.Span span) throws RecordingException {
        if (span.completeBytes() == 0) {
            throw new RecordingException(file + " cannot be read: it was cut short before its first chunk was complete");
        }
        try {
            Path copy = Files.createTempFile("memprof-complete-chunks", ".jfr");
            try (var in = java.nio.channels.FileChannel.open(file); var out = java.nio.channels.FileChannel.open(copy,
                    java.nio.file.StandardOpenOption.WRITE)) {
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

    @Override
    public boolean wants(String eventType) {
        return EVENT_TYPES.contains(eventType);
    }

    @Override
    public int bucket(long epochNanos) {
        return timeline.bucket(epochNanos);
    }

    @Override
    public void endChunk() {
        stackNodes.clear();
        frameIds.clear();
        objectClassIds.clear();
        threadIds.clear();
    }

    @Override
    public void accept(JfrEvent event) {
        switch (event.typeName()) {
            case "jdk.ObjectAllocationSample" -> allocation(event.getClass("objectClass"), event.getThread("eventThread"),
                    event.getStackTrace(), timeline.bucket(nanos(event.getStartTime())), event.getLong("weight"), 1);
            case "jdk.GCHeapSummary" -> {
                long time = nanos(event.getStartTime());
                long used = event.getLong("heapUsed");
                if ("After GC".equals(event.getString("when"))) {
                    JfrObject space = event.getValue("heapSpace");
                    timeline.heapAfterGc(time, used, space == null ? -1 : space.getLong("committedSize"));
                } else {
                    timeline.heapBeforeGc(time, used);
                }
            }
            case "jdk.MetaspaceSummary" -> {
                JfrObject metaspace = event.getValue("metaspace");
                if (metaspace != null) timeline.metaspace(nanos(event.getStartTime()), metaspace.getLong("used"));
            }
            case "jdk.JVMInformation" -> {
                jvmName = event.getString("jvmName");
                jvmVersion = event.getString("jvmVersion");
                javaArguments = event.getString("javaArguments");
                jvmArguments = event.getString("jvmArguments");
                pid = event.getLong("pid");
            }
            case "memprof.ClassSource" -> libraries.classSource(event.getString("className"), event.getString("location"));
            default -> { }
        }
    }

    @Override
    public void allocation(JfrClass objectClass, JfrThread thread, JfrStackTrace stack, int bucket, long bytes, long samples) {
        Integer classId = objectClass == null ? null : objectClassIds.get(objectClass);
        if (classId == null) {
            classId = classes.intern(objectClass == null ? "unknown" : ClassNames.stable(ClassNames.readable(objectClass.getName())));
            if (objectClass != null) cache(objectClassIds, objectClass, classId);
        }
        Integer threadId = thread == null ? null : threadIds.get(thread);
        if (threadId == null) {
            threadId = threads.intern(threadName(thread));
            if (thread != null) cache(threadIds, thread, threadId);
        }
        allocations.add(stackNode(stack), threadId, classId, bucket, bytes, samples);
    }

    private static <K> void cache(Map<K, Integer> cache, K key, int id) {
        if (cache.size() > CACHE_LIMIT) cache.clear();
        cache.put(key, id);
    }

    private static String threadName(JfrThread thread) {
        if (thread == null) return "unknown";
        String name = thread.getJavaName();
        return name != null ? name : thread.getOSName() != null ? thread.getOSName() : "unknown";
    }

    private int stackNode(JfrStackTrace stack) {
        if (stack == null) return tree.child(CallTree.ROOT, frameId(NO_STACK, NO_STACK, null));
        Integer cached = stackNodes.get(stack);
        if (cached != null) return cached;
        List<JfrFrame> stackFrames = stack.getFrames(); // leaf first
        int node = CallTree.ROOT;
        for (int i = stackFrames.size() - 1; i >= 0; i--) {
            JfrMethod method = stackFrames.get(i).getMethod();
            node = tree.child(node, method == null ? frameId("unknown", "unknown", null) : frameId(method));
        }
        if (stackNodes.size() > CACHE_LIMIT) stackNodes.clear();
        stackNodes.put(stack, node);
        return node;
    }

    private int frameId(JfrMethod method) {
        Integer cached = frameIds.get(method);
        if (cached != null) return cached;
        JfrClass type = method.getType();
        String className = type == null ? "unknown" : ClassNames.stable(type.getName());
        int id = frameId(className + "." + method.getName(), className, type == null ? null : moduleOf(type));
        if (frameIds.size() > CACHE_LIMIT) frameIds.clear();
        frameIds.put(method, id);
        return id;
    }

    private int frameId(String name, String className, String module) {
        int id = frames.intern(name, classes.intern(className));
        if (id == frameModules.size()) frameModules.add(module);
        return id;
    }

    /** The named module of a class (JFR records it for JDK classes), or null. */
    private static String moduleOf(JfrClass type) {
        if (!type.hasField("package")) return null;
        JfrObject pkg = type.getValue("package");
        if (pkg == null || !pkg.hasField("module")) return null;
        JfrObject module = pkg.getValue("module");
        return module == null ? null : module.getString("name");
    }

    private static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }
}
