package dev.memprof.analysis;

import dev.memprof.analysis.jfr.ConsumerObject;
import dev.memprof.analysis.jfr.ChunkRate;
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
    private static final int PROFILER_FRAME = -1;
    /** The event types {@link #accept} reads: add a type here when adding its case. */
    private static final Set<String> EVENT_TYPES = Set.of("jdk.ObjectAllocationSample", "jdk.GCHeapSummary",
            "jdk.MetaspaceSummary", "jdk.JVMInformation", "memprof.ClassSource", "jdk.ClassLoad", "jdk.ThreadStart",
            "jdk.ExecutionSample", "jdk.OldObjectSample", "memprof.Startup", "jdk.ActiveRecording",
            "jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB", "jdk.ActiveSetting",
            "profiler.LiveObject", "profiler.Malloc", "profiler.Free", "jdk.GarbageCollection", "jdk.G1GarbageCollection",
            "memprof.HeapSnapshot", "memprof.HeapClass", "memprof.HeapStaticField", "memprof.HeapHolder", "memprof.PackagedJar",
            "memprof.Finding");
    /** Of those, the ones {@link #accept} reads only when async-profiler wrote them. */
    private static final Set<String> ASYNC_PROFILER_ONLY = Set.of("jdk.ObjectAllocationInNewTLAB",
            "jdk.ObjectAllocationOutsideTLAB", "jdk.ActiveSetting");

    private final StringTable classes = new StringTable(), threads = new StringTable(), libraryNames = new StringTable(),
            modules = new StringTable(), loaders = new StringTable();
    private final FrameTable frames = new FrameTable();
    private final List<String> frameModules = new ArrayList<>();
    private final CallTree tree = new CallTree();
    private final AllocationTable allocations = new AllocationTable();
    private final Libraries libraries = new Libraries();
    private final List<String> warnings = new ArrayList<>();
    // Both parsers hand out one object per constant-pool entry within a chunk: caching by it skips re-walking stacks.
    private final Map<JfrStackTrace, Integer> stackNodes = new HashMap<>(), evidenceNodes = new HashMap<>();
    private final Map<JfrMethod, Integer> frameIds = new HashMap<>();
    /** Frame ids by the chunk's keys of method and frame type ({@link #frameKey}), plus one. */
    private final LongIntMap frameIdsByKey = new LongIntMap();
    private final Map<JfrClass, Integer> objectClassIds = new HashMap<>();
    private final Map<JfrThread, Integer> threadIds = new HashMap<>();
    /** By Java thread id (see {@link #rateThread}). */
    private final LongIntMap rateThreads = new LongIntMap();
    private int rateThreadCount;
    private Timeline timeline;
    private StartupEvidence evidence;
    private final HeapFindings findings = new HeapFindings();
    /** Each thread's first allocation sample, held back until we know whether the recording began mid-life (attach). */
    private final Map<Long, long[]> firstSamples = new java.util.HashMap<>();
    private final java.util.Set<Long> threadsStarted = new java.util.HashSet<>();
    private LiveObjects liveObjects;
    private final LiveSetReadings liveSet = new LiveSetReadings();
    // async-profiler's: live objects used only when the recording has no JFR old-object samples (those name the holder)
    private LiveObjects asyncLiveObjects;
    private boolean oldObjectSamples, jvmHeapSummaries;
    private final AsyncProfilerSampling asyncProfiler = new AsyncProfilerSampling();
    private final NativeMemory nativeMemory = new NativeMemory();
    private TimeRange.Window window;
    private AllocationRate allocationRate;
    /** The rate's count of samples that went back in time, when the chunk being read began. */
    private int rateBackwards;
    private String jvmName, jvmVersion, javaArguments, jvmArguments;
    private long pid = -1;

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
        ChunkHeaders.Span span = ChunkHeaders.scan(file);
        long duration = span.durationNanos();
        if (!span.complete()) {
            warnings.add("the recording's last chunk is incomplete (cut short, or still being written); reporting what it holds");
            duration = Math.max(duration, lastModifiedNanos(file) - span.startEpochNanos());
        }
        timeline = new Timeline(span.startEpochNanos(), duration);
        evidence = new StartupEvidence(span.startEpochNanos(), duration);
        try {
            window = range.resolve(span.startEpochNanos(), duration, java.time.ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new RecordingException(e.getMessage(), e);
        }
        liveObjects = new LiveObjects(timeline, window.fromEpochNanos(), window.toEpochNanos());
        asyncLiveObjects = new LiveObjects(timeline, window.fromEpochNanos(), window.toEpochNanos());
        allocationRate = new AllocationRate(timeline);
        if (span.completeBytes() == 0) {
            throw new RecordingException(file + " cannot be read: its first chunk is cut short or damaged");
        }
        if (reference) {
            readWithJdk(file, span);
        } else {
            readWithJfrFile(file, span);
        }
        addFirstSamples(span.startEpochNanos(), duration);
        for (int f = 0; f < frames.size(); f++) {
            String className = classes.get(frames.classId(f));
            frames.setLibrary(f, libraryNames.intern(libraries.libraryOf(className, frameModules.get(f))));
        }
        if (libraries.isEmpty()) {
            warnings.add("no code sources in this recording (recorded without the memprof agent): frames are grouped by package and JDK module only");
        }
        nativeMemory.finish();
        RecordingInfo info = new RecordingInfo(file.toString(), jvmName, jvmVersion, javaArguments, jvmArguments, pid,
                span.startEpochNanos(), duration, span.chunks(), !libraries.isEmpty(), List.copyOf(warnings));
        StartupReport startup = new DeferrableLibraries(evidence, findings, info, classes, modules, libraryNames, frames, tree, libraries).judge();
        return new Profile(info, classes, threads, libraryNames, frames, tree, allocations, timeline, startup,
                oldObjectSamples ? liveObjects : asyncLiveObjects, window, allocationRate, nativeMemory, liveSet.readings());
    }

    private void readWithJdk(Path file, ChunkHeaders.Span span) throws RecordingException {
        Path readable = span.complete() ? file : completeChunks(file, span);
        try (RecordingFile recording = new RecordingFile(readable)) {
            while (recording.hasMoreEvents()) {
                accept(ConsumerObject.of(recording.readEvent()));
            }
        } catch (IOException | RuntimeException | InternalError e) { // the JDK's parser throws InternalError on some damage
            damaged(file, e);
        } finally {
            if (readable != file) deleteQuietly(readable);
        }
    }

    private void readWithJfrFile(Path file, ChunkHeaders.Span span) throws RecordingException {
        try {
            JfrFile.read(file, span.completeBytes(), this);
        } catch (IOException | JfrFile.DamagedChunkException e) {
            damaged(file, e);
        } catch (JfrFile.UnsupportedRecordingException e) {
            readWithJdk(file, span); // nothing was read yet
        }
    }

    private void damaged(Path file, Throwable e) throws RecordingException {
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
    public boolean wants(String eventType, boolean hasSettings) {
        // async-profiler's event types have no settings; the JDK's TLAB events are not read
        return EVENT_TYPES.contains(eventType) && !(hasSettings && ASYNC_PROFILER_ONLY.contains(eventType));
    }

    @Override
    public int bucket(long epochNanos) {
        return window.contains(epochNanos) ? timeline.bucket(epochNanos) : -1;
    }

    @Override
    public int cell(long epochNanos) {
        return evidence.sampleCell(epochNanos);
    }

    @Override
    public void sameSlots(long epochNanos, long[] range) {
        long from = Long.MIN_VALUE, to = Long.MAX_VALUE;
        int b = timeline.bucket(epochNanos), c = evidence.sampleCell(epochNanos);
        if (b > 0) from = timeline.bucketStart(b);
        if (b < timeline.buckets() - 1) to = timeline.bucketStart(b + 1);
        if (c > 0) from = Math.max(from, evidence.sampleCellStart(c));
        if (c < StartupEvidence.sampleCells() - 1) to = Math.min(to, evidence.sampleCellStart(c + 1));
        if (window.contains(epochNanos)) {
            from = Math.max(from, window.fromEpochNanos());
            to = Math.min(to, window.toEpochNanos());
        } else if (epochNanos < window.fromEpochNanos()) {
            to = Math.min(to, window.fromEpochNanos());
        } else {
            from = Math.max(from, window.toEpochNanos());
        }
        range[0] = from;
        range[1] = to;
    }

    @Override
    public void endChunk() {
        stackNodes.clear();
        evidenceNodes.clear();
        frameIds.clear();
        frameIdsByKey.clear();
        objectClassIds.clear();
        threadIds.clear();
    }

    @Override
    public void accept(JfrEvent event) {
        switch (event.typeName()) {
            case "jdk.ObjectAllocationSample" -> allocation(event, event.getLong("weight"), true);
            case "jdk.OldObjectSample" -> oldObject(event);
            // async-profiler's (see AsyncProfilerSampling); the JDK's own TLAB events are not read
            case "jdk.ObjectAllocationInNewTLAB" -> {
                if (fromAsyncProfiler(event)) allocation(event, asyncProfiler.allocation(event.getLong("allocationSize"), event.getLong("tlabSize")), false);
            }
            case "jdk.ObjectAllocationOutsideTLAB" -> {
                if (fromAsyncProfiler(event)) allocation(event, event.getLong("allocationSize"), false);
            }
            case "jdk.ActiveSetting" -> {
                if (fromAsyncProfiler(event)) asyncProfiler.setting(event.getString("name"), event.getString("value"));
            }
            case "profiler.LiveObject" -> asyncLiveObjects.add(stackNode(event.getStackTrace()),
                    threads.intern(threadName(event.getThread("eventThread"))), objectClassId(event.getClass("objectClass")),
                    asyncProfiler.live(event.getLong("allocationSize")), nanos(event.getInstant("allocationTime")),
                    LiveObjects.UNKNOWN_ROOT);
            case "profiler.Malloc" -> {
                long time = nanos(event.getStartTime());
                if (window.contains(time)) {
                    nativeMemory.malloc(time, event.getLong("address"), stackNode(event.getStackTrace()),
                            threads.intern(threadName(event.getThread("eventThread"))), timeline.bucket(time),
                            asyncProfiler.malloc(event.getLong("size")));
                }
            }
            case "profiler.Free" -> nativeMemory.free(nanos(event.getStartTime()), event.getLong("address"));
            case "jdk.GCHeapSummary" -> {
                // async-profiler's heap readings repeat the JVM's own, when the recording has those
                if (!fromAsyncProfiler(event)) {
                    jvmHeapSummaries = true;
                } else if (jvmHeapSummaries) {
                    return;
                }
                long time = nanos(event.getStartTime());
                long used = event.getLong("heapUsed");
                if ("After GC".equals(event.getString("when"))) {
                    evidence.heapAfterGc(time, used);
                    if (event.hasField("gcId")) liveSet.afterGc(event.getLong("gcId"), time, used);
                    JfrObject space = event.getValue("heapSpace");
                    timeline.heapAfterGc(time, used, space == null ? -1 : space.getLong("committedSize"));
                } else {
                    timeline.heapBeforeGc(time, used);
                }
            }
            case "jdk.GarbageCollection" -> liveSet.collection(event.getLong("gcId"), event.getString("name"), event.getString("cause"));
            case "jdk.G1GarbageCollection" -> liveSet.g1Collection(event.getLong("gcId"), event.getString("type"));
            case "jdk.MetaspaceSummary" -> {
                JfrObject metaspace = event.getValue("metaspace");
                if (metaspace != null) {
                    timeline.metaspace(nanos(event.getStartTime()), metaspace.getLong("used"));
                    evidence.metaspace(nanos(event.getStartTime()), metaspace.getLong("used"));
                }
            }
            case "jdk.JVMInformation" -> {
                jvmName = event.getString("jvmName");
                jvmVersion = event.getString("jvmVersion");
                javaArguments = event.getString("javaArguments");
                jvmArguments = event.getString("jvmArguments");
                pid = event.getLong("pid");
                if (event.hasField("jvmStartTime")) evidence.jvmStartNanos = nanos(event.getInstant("jvmStartTime"));
                evidence.jvmArguments = jvmArguments;
            }
            case "memprof.ClassSource" -> {
                String className = event.getString("className");
                libraries.classSource(className, event.getString("location"));
                if (className != null) {
                    evidence.classSource(classes.intern(ClassNames.stable(className)),
                            event.hasField("size") ? event.getInt("size") : 0, event.getBoolean("inventory"));
                }
            }
            case "jdk.ClassLoad" -> classLoad(event);
            case "jdk.ActiveRecording" -> {
                String name = event.getString("name");
                if (name != null && name.startsWith("memprof-")) evidence.attachedByMemprof = true;
            }
            case "jdk.ThreadStart" -> {
                JfrThread started = event.getThread("thread");
                if (started != null) threadsStarted.add(started.getJavaThreadId());
            }
            case "jdk.ExecutionSample" -> evidence.executions.add(evidenceNode(event.getStackTrace()),
                    evidence.sampleCell(nanos(event.getStartTime())), 0);
            case "memprof.Startup" -> evidence.startupMark(event.getString("rule"), event.getString("description"),
                    event.getLong("readyEpochNanos"));
            case "memprof.HeapSnapshot", "memprof.HeapClass", "memprof.HeapStaticField", "memprof.HeapHolder",
                    "memprof.PackagedJar", "memprof.Finding" -> finding(event);
            default -> { }
        }
    }

    /** memprof's own chunk (see {@link HeapFindings}): class names interned as the rest of the recording's. */
    private void finding(JfrEvent event) {
        switch (event.typeName()) {
            case "memprof.HeapSnapshot" -> findings.snapshot(event.getLong("takenEpochMillis"), event.getLong("objects"),
                    event.getLong("bytes"), event.getLong("unownedBytes"), event.getLong("dumpBytes"), event.getLong("millis"));
            case "memprof.HeapClass" -> findings.heapClass(findingClass(event.getString("className")), event.getLong("instances"),
                    event.getLong("shallowBytes"), event.getLong("ownedBytes"), event.getLong("staticBytes"));
            case "memprof.HeapStaticField" -> findings.staticFields.add(new HeapFindings.StaticField(
                    findingClass(event.getString("className")), String.valueOf(event.getString("field")),
                    String.valueOf(event.getString("valueClass")), event.getLong("retainedBytes")));
            case "memprof.HeapHolder" -> findings.holders.add(new HeapFindings.Holder(findingClass(event.getString("ownedClass")),
                    String.valueOf(event.getString("holder")), classes.intern(event.getString("holderClass") == null ? HeapFindings.NOBODY
                    : ClassNames.stable(event.getString("holderClass"))), event.getLong("bytes")));
            case "memprof.PackagedJar" -> findings.packagedJars.add(new HeapFindings.PackagedJar(
                    String.valueOf(event.getString("location")), event.getLong("bytes")));
            case "memprof.Finding" -> findings.notes.add(String.valueOf(event.getString("note")));
            default -> { }
        }
    }

    private int findingClass(String name) {
        return classes.intern(name == null ? "unknown" : ClassNames.stable(name));
    }

    /** {@code sinceLastSample}: JFR's weight, the bytes the thread allocated since its previous sample (see {@link #addFirstSamples}). */
    private void allocation(JfrEvent event, long weight, boolean sinceLastSample) {
        long time = nanos(event.getStartTime());
        int classId = objectClassId(event.getClass("objectClass"));
        JfrThread thread = event.getThread("eventThread");
        int threadId = threadId(thread), rateThread = rateThread(thread, threadId);
        int node = stackNode(event.getStackTrace());
        if (sinceLastSample && thread != null && !firstSamples.containsKey(thread.getJavaThreadId())) {
            firstSamples.put(thread.getJavaThreadId(), new long[]{node, threadId, classId, time, weight, rateThread});
            if (window.contains(time)) allocationRate.add(rateThread, time, 0); // where the thread's next sample's bytes start
            return;
        }
        addAllocation(node, threadId, rateThread, classId, time, weight);
    }

    /** Startup evidence takes every sample; the report's tables only those in the --from/--to window. */
    private void addAllocation(int node, int threadId, int rateThread, int classId, long time, long weight) {
        evidence.allocations.add(node, evidence.sampleCell(time), weight);
        if (!window.contains(time)) return;
        allocations.add(node, threadId, classId, timeline.bucket(time), weight);
        allocationRate.add(rateThread, time, weight);
    }

    /**
     * The allocation rate's index for a thread: threads, not names (a pool's threads may share one), as a sample's
     * weight is what its own thread allocated since its previous sample. Threads without a Java id go by name.
     */
    private int rateThread(JfrThread thread, int threadId) {
        long key = thread != null && thread.getJavaThreadId() > 0 ? thread.getJavaThreadId() : -1L - threadId;
        int index = rateThreads.get(key);
        if (index < 0) rateThreads.put(key, index = rateThreadCount++);
        return index;
    }

    /**
     * Samples summed by {@link JfrFile}: never a thread's first (those come one by one, to {@link #accept}),
     * so they go straight to the table when in the window; their names are read either way, as for one sample.
     */
    @Override
    public void allocations(JfrClass objectClass, JfrThread thread, JfrStackTrace stack, int bucket, long bytes, long samples) {
        int classId = objectClassId(objectClass), threadId = threadId(thread); // in the order allocation(event) reads them
        int node = stackNode(stack);
        if (bucket >= 0) allocations.add(node, threadId, classId, bucket, bytes, samples);
    }

    @Override
    public void allocationCells(JfrStackTrace stack, int cell, long bytes, long samples) {
        evidence.allocations.add(stackNode(stack), cell, bytes, samples);
    }

    @Override
    public void spread(long[] into, long from, int fromBucket, long to, int toBucket, long weight) {
        allocationRate.spread(into, from, fromBucket, to, toBucket, weight);
    }

    /** Exact when no sample went back in time (see {@link ChunkRate}): the heads first, then the chunk's sums. */
    @Override
    public void allocationRate(ChunkRate rate) {
        int[] ids = new int[rate.threadCount()];
        boolean inOrder = allocationRate.backwards() == rateBackwards;
        for (int t = 0; t < ids.length; t++) {
            ids[t] = rateThread(rate.thread(t), threadId(rate.thread(t))); // each had a sample in the chunk: its name is interned already
            if (rate.headToAdd(t) && !allocationRate.inOrder(ids[t], rate.headNanos(t))) inOrder = false;
        }
        if (inOrder) {
            for (int t = 0; t < ids.length; t++) {
                if (rate.headToAdd(t)) allocationRate.add(ids[t], rate.headNanos(t), rate.headWeight(t), rate.headBucket(t));
            }
            allocationRate.addSpread(rate.bytesByBucket());
            for (int t = 0; t < ids.length; t++) {
                if (rate.inWindow(t)) allocationRate.moveTo(ids[t], rate.lastNanos(t), rate.lastBucket(t));
            }
        } else {
            rate.replaySamples((t, nanos, bucket, weight) -> allocationRate.add(ids[t], nanos, weight, bucket));
        }
        rateBackwards = allocationRate.backwards();
    }

    private int threadId(JfrThread thread) {
        Integer id = thread == null ? null : threadIds.get(thread);
        if (id != null) return id;
        id = threads.intern(threadName(thread));
        if (thread != null) cache(threadIds, thread, id);
        return id;
    }

    private static <K> void cache(Map<K, Integer> cache, K key, int id) {
        if (cache.size() > CACHE_LIMIT) cache.clear();
        cache.put(key, id);
    }

    /**
     * A sample's weight is the bytes its thread allocated since that thread's previous sample, so the first sample of
     * a thread that ran before the recording began carries everything it allocated before (gigabytes for a long-running
     * JVM we attached to). When such a first sample outweighs all the rest of its thread's samples, it stands only for
     * the time from the recording's start, at the thread's rate over the rest of the recording (dropping it would lose
     * that head, and threads with few samples would lose the most). Threads started during the recording keep theirs.
     */
    private void addFirstSamples(long recordingStart, long duration) {
        boolean attached = !evidence.fromJvmStart(recordingStart);
        long[] threadBytes = new long[threads.size()];
        for (int r = 0; r < allocations.size(); r++) threadBytes[allocations.thread(r)] += allocations.bytes(r);
        long end = recordingStart + duration;
        firstSamples.forEach((javaThreadId, s) -> {
            long weight = s[4], time = s[3];
            // only a first sample that outweighs the rest of its thread's recording is taken for history: attached
            // soon after the thread started, its history is short, and keeping it measured closer to the truth
            // (AllocationSites: 61% vs 64% for a 60.9% site) than estimating its head did
            if (attached && !threadsStarted.contains(javaThreadId) && weight > threadBytes[(int) s[1]]) {
                long head = Math.max(0, time - recordingStart), rest = Math.max(1, end - time);
                weight = Math.round((double) threadBytes[(int) s[1]] * head / rest);
            }
            addAllocation((int) s[0], (int) s[1], (int) s[5], (int) s[2], time, weight);
        });
    }

    private void classLoad(JfrEvent event) {
        JfrClass loaded = event.getClass("loadedClass");
        if (loaded == null) return;
        JfrObject loader = event.getValue("definingClassLoader");
        JfrClass loaderType = loader == null ? null : loader.getClass("type");
        String loaderName = loader == null ? "bootstrap" : String.valueOf(loaderType != null
                ? loaderType.getName() + "/" + loader.getString("name") : loader.getString("name"));
        String module = moduleOf(loaded);
        evidence.classLoad(classes.intern(ClassNames.stable(loaded.getName())), loaders.intern(loaderName),
                module == null ? -1 : modules.intern(module), threads.intern(threadName(event.getThread("eventThread"))),
                evidenceNode(event.getStackTrace()), nanos(event.getStartTime()), event.getDuration().toNanos());
    }

    private int objectClassId(JfrClass objectClass) {
        Integer id = objectClass == null ? null : objectClassIds.get(objectClass);
        if (id != null) return id;
        id = classes.intern(objectClass == null ? "unknown" : ClassNames.stable(ClassNames.readable(objectClass.getName())));
        if (objectClass != null) cache(objectClassIds, objectClass, id);
        return id;
    }

    /** async-profiler writes event types without settings; every JDK event type has at least "enabled". */
    private static boolean fromAsyncProfiler(JfrEvent event) {
        return !event.typeHasSettings();
    }

    /** A sampled object still alive when the recording ended; its stack is where it was allocated. */
    private void oldObject(JfrEvent event) {
        oldObjectSamples = true;
        if (allocatedByProfiler(event.getStackTrace())) return;
        JfrObject object = event.getValue("object");
        JfrClass type = object == null ? null : object.getClass("type");
        int classId = classes.intern(type == null ? "unknown" : ClassNames.stable(ClassNames.readable(type.getName())));
        int threadId = threads.intern(threadName(event.getThread("eventThread")));
        String holder = OldObjectSamples.holder(event);
        long allocated = nanos(event.getInstant("allocationTime"));
        liveObjects.add(stackNode(event.getStackTrace()), threadId, classId, OldObjectSamples.objectSize(event, type),
                allocated, holder == null ? LiveObjects.UNKNOWN_ROOT : liveObjects.internRoot(holder));
        evidence.oldObjects.add(evidenceNode(event.getStackTrace()), evidence.sampleCell(allocated), 0);
    }

    /** Objects JFR or memprof's agent allocated for the recording itself (JFR's own start in an attached JVM). */
    private static boolean allocatedByProfiler(JfrStackTrace stack) {
        if (stack == null) return false;
        for (JfrFrame frame : stack.getFrames()) {
            JfrMethod method = frame.getMethod();
            String type = method == null || method.getType() == null ? "" : method.getType().getName();
            if (type.startsWith("jdk.jfr.") || type.startsWith("dev.memprof.agent.")) return true;
        }
        return false;
    }

    private static String threadName(JfrThread thread) {
        if (thread == null) return "unknown";
        String name = thread.getJavaName();
        return name != null ? name : thread.getOSName() != null ? thread.getOSName() : "unknown";
    }

    private int stackNode(JfrStackTrace stack) {
        return stackNode(stack, tree, stackNodes);
    }

    /** A stack in the tree of class loads, execution samples and old objects, kept apart from the allocation tree. */
    private int evidenceNode(JfrStackTrace stack) {
        return stackNode(stack, evidence.stacks, evidenceNodes);
    }

    private int stackNode(JfrStackTrace stack, CallTree tree, Map<JfrStackTrace, Integer> stackNodes) {
        if (stack == null) return tree.child(CallTree.ROOT, frameId(NO_STACK, NO_STACK, null));
        Integer cached = stackNodes.get(stack);
        if (cached != null) return cached;
        long[] keys = stack.frameKeys();
        List<JfrFrame> stackFrames = keys == null ? stack.getFrames() : null; // leaf first; with keys, read on a miss
        int node = CallTree.ROOT;
        for (int i = (keys == null ? stackFrames.size() : keys.length / 2) - 1; i >= 0; i--) {
            long key = keys == null ? -1 : frameKey(keys[2 * i], keys[2 * i + 1]);
            int frameId = key < 0 ? -2 : frameIdsByKey.get(key) - 1; // stored plus one (PROFILER_FRAME is -1): -2 unknown
            if (frameId == -2) {
                if (stackFrames == null) stackFrames = stack.getFrames();
                frameId = frameId(stackFrames.get(i));
                if (key >= 0) frameIdsByKey.put(key, frameId + 1);
            }
            if (frameId != PROFILER_FRAME) node = tree.child(node, frameId);
        }
        if (stackNodes.size() > CACHE_LIMIT) stackNodes.clear();
        stackNodes.put(stack, node);
        return node;
    }

    /**
     * One key of a frame's method and frame type keys (see {@link JfrStackTrace#frameKeys}), or -1 when they are out
     * of the range it packs: a chunk's stacks share frames, which are then read once per chunk, not once per stack.
     */
    private static long frameKey(long methodKey, long typeKey) {
        return methodKey < 0 || methodKey >= 1L << 58 || typeKey < 0 || typeKey >= 32 ? -1 : methodKey << 5 | typeKey;
    }

    private int frameId(JfrFrame frame) {
        JfrMethod method = frame.getMethod();
        return method == null ? frameId("unknown", "unknown", null) : frameId(frame, method);
    }

    /** A method's frame id, or {@link #PROFILER_FRAME}; cached per chunk, as a stack's frames are read per chunk. */
    private int frameId(JfrFrame frame, JfrMethod method) {
        Integer cached = frameIds.get(method);
        if (cached != null) return cached;
        JfrClass type = method.getType();
        String className = type == null ? "unknown" : ClassNames.stable(type.getName());
        int id;
        if (className.startsWith("libasyncProfiler")) {
            id = PROFILER_FRAME; // async-profiler's own hooks (malloc_hook) top every native stack: noise, not the target's code
        } else if (isNativeCode(frame, type)) {
            // async-profiler: a C/C++ symbol, its "class" the library (libjvm.so), which is also its library
            String library = className.isEmpty() ? "native" : className;
            id = frameId(method.getName(), library, library);
        } else {
            id = frameId(className + "." + method.getName(), className, type == null ? null : moduleOf(type));
        }
        if (frameIds.size() > CACHE_LIMIT) frameIds.clear();
        frameIds.put(method, id);
        return id;
    }

    private int frameId(String name, String className, String module) {
        int id = frames.intern(name, classes.intern(className));
        if (id == frameModules.size()) frameModules.add(module);
        return id;
    }

    /** Native code, as async-profiler records it: a frame of native type whose class is a library, without package. */
    private static boolean isNativeCode(JfrFrame frame, JfrClass type) {
        String kind = frame.getFrameType();
        return ("Native".equals(kind) || "C++".equals(kind) || "Kernel".equals(kind))
                && (type == null || !type.hasField("package") || type.getValue("package") == null);
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
