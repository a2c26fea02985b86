package dev.memprof.analysis;

import dev.memprof.analysis.jfr.ChunkRate;
import dev.memprof.analysis.jfr.EventSink;
import dev.memprof.analysis.jfr.JfrClass;
import dev.memprof.analysis.jfr.JfrEvent;
import dev.memprof.analysis.jfr.JfrFrame;
import dev.memprof.analysis.jfr.JfrMethod;
import dev.memprof.analysis.jfr.JfrObject;
import dev.memprof.analysis.jfr.JfrStackTrace;
import dev.memprof.analysis.jfr.JfrThread;
import dev.memprof.analysis.live.LiveObjects;
import dev.memprof.analysis.live.LiveSetReadings;
import dev.memprof.analysis.live.OldObjectSamples;
import dev.memprof.analysis.startup.HeapFindings;
import dev.memprof.analysis.startup.StartupEvidence;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What each event type means: one registration per type read ({@link #on}), which is also what {@link #wants} answers,
 * so the types read and the types understood cannot disagree. Both parsers feed it the same views; events are
 * aggregated as they arrive (nothing per event is kept).
 */
final class RecordingEvents implements EventSink {
    /** How to read one event type; {@code asyncProfilerOnly}: read only when async-profiler wrote it. */
    private record Meaning(boolean asyncProfilerOnly, Consumer<JfrEvent> read) {}

    private final Map<String, Meaning> meanings = new HashMap<>();
    private final RecordingNames names;
    private final Timeline timeline;
    private final StartupEvidence evidence;
    private final TimeRange.Window window;
    private final AllocationSamples allocations;
    private final Libraries libraries = new Libraries();
    private final HeapFindings findings = new HeapFindings();
    private final LiveObjects liveObjects;
    // async-profiler's: live objects used only when the recording has no JFR old-object samples (those name the holder)
    private final LiveObjects asyncLiveObjects;
    private final LiveSetReadings liveSet = new LiveSetReadings();
    private final AsyncProfilerSampling asyncProfiler = new AsyncProfilerSampling();
    private final NativeMemory nativeMemory = new NativeMemory();
    private boolean oldObjectSamples, jvmHeapSummaries;
    private String jvmName, jvmVersion, javaArguments, jvmArguments;
    private long pid = -1;

    RecordingEvents(RecordingNames names, Timeline timeline, StartupEvidence evidence, TimeRange.Window window) {
        this.names = names;
        this.timeline = timeline;
        this.evidence = evidence;
        this.window = window;
        liveObjects = new LiveObjects(timeline, window.fromEpochNanos(), window.toEpochNanos());
        asyncLiveObjects = new LiveObjects(timeline, window.fromEpochNanos(), window.toEpochNanos());
        allocations = new AllocationSamples(names, timeline, evidence, window);
        registerAllocations();
        registerHeap();
        registerJvm();
        registerFindings();
    }

    private void on(String eventType, Consumer<JfrEvent> read) {
        meanings.put(eventType, new Meaning(false, read));
    }

    /** async-profiler writes event types without settings; the JDK's own events of these types are not read. */
    private void onAsyncProfiler(String eventType, Consumer<JfrEvent> read) {
        meanings.put(eventType, new Meaning(true, read));
    }

    private void registerAllocations() {
        on("jdk.ObjectAllocationSample", event -> allocations.sample(event, event.getLong("weight"), true));
        on("jdk.OldObjectSample", this::oldObject);
        // async-profiler's (see AsyncProfilerSampling)
        onAsyncProfiler("jdk.ObjectAllocationInNewTLAB", event -> allocations.sample(event,
                asyncProfiler.allocation(event.getLong("allocationSize"), event.getLong("tlabSize")), false));
        onAsyncProfiler("jdk.ObjectAllocationOutsideTLAB", event -> allocations.sample(event, event.getLong("allocationSize"), false));
        onAsyncProfiler("jdk.ActiveSetting", event -> asyncProfiler.setting(event.getString("name"), event.getString("value")));
        on("profiler.LiveObject", event -> asyncLiveObjects.add(names.stackNode(event.getStackTrace()),
                names.threads.intern(RecordingNames.threadName(event.getThread("eventThread"))),
                names.objectClassId(event.getClass("objectClass")), asyncProfiler.live(event.getLong("allocationSize")),
                nanos(event.getInstant("allocationTime")), LiveObjects.UNKNOWN_ROOT));
        on("profiler.Malloc", event -> {
            long time = nanos(event.getStartTime());
            if (window.contains(time)) {
                nativeMemory.malloc(time, event.getLong("address"), names.stackNode(event.getStackTrace()),
                        names.threads.intern(RecordingNames.threadName(event.getThread("eventThread"))), timeline.bucket(time),
                        asyncProfiler.malloc(event.getLong("size")));
            }
        });
        on("profiler.Free", event -> nativeMemory.free(nanos(event.getStartTime()), event.getLong("address")));
    }

    private void registerHeap() {
        on("jdk.GCHeapSummary", this::heapSummary);
        on("jdk.GarbageCollection", event -> liveSet.collection(event.getLong("gcId"), event.getString("name"), event.getString("cause")));
        on("jdk.G1GarbageCollection", event -> liveSet.g1Collection(event.getLong("gcId"), event.getString("type")));
        on("jdk.MetaspaceSummary", event -> {
            JfrObject metaspace = event.getValue("metaspace");
            if (metaspace != null) {
                timeline.metaspace(nanos(event.getStartTime()), metaspace.getLong("used"));
                evidence.metaspace(nanos(event.getStartTime()), metaspace.getLong("used"));
            }
        });
    }

    private void registerJvm() {
        on("jdk.JVMInformation", event -> {
            jvmName = event.getString("jvmName");
            jvmVersion = event.getString("jvmVersion");
            javaArguments = event.getString("javaArguments");
            jvmArguments = event.getString("jvmArguments");
            pid = event.getLong("pid");
            if (event.hasField("jvmStartTime")) evidence.jvmStart(nanos(event.getInstant("jvmStartTime")));
            evidence.jvmArguments(jvmArguments);
        });
        on("memprof.ClassSource", event -> {
            String className = event.getString("className");
            libraries.classSource(className, event.getString("location"));
            if (className != null) {
                evidence.classSource(names.classes.intern(ClassNames.stable(className)),
                        event.hasField("size") ? event.getInt("size") : 0, event.getBoolean("inventory"));
            }
        });
        on("jdk.ClassLoad", this::classLoad);
        on("jdk.ActiveRecording", event -> {
            String name = event.getString("name");
            if (name != null && name.startsWith("memprof-")) evidence.attachedByMemprof();
        });
        on("jdk.ThreadStart", event -> {
            JfrThread started = event.getThread("thread");
            if (started != null) allocations.threadStarted(started.getJavaThreadId());
        });
        on("jdk.ExecutionSample", event -> evidence.execution(names.evidenceNode(event.getStackTrace()),
                evidence.sampleBucket(nanos(event.getStartTime()))));
        on("memprof.Startup", event -> evidence.startupMark(event.getString("rule"), event.getString("description"),
                event.getLong("readyEpochNanos")));
    }

    /** memprof's own chunk (see {@link HeapFindings}): class names interned as the rest of the recording's. */
    private void registerFindings() {
        on("memprof.HeapSnapshot", event -> findings.snapshot(event.getLong("takenEpochMillis"), event.getLong("objects"),
                event.getLong("bytes"), event.getLong("unownedBytes"), event.getLong("dumpBytes"), event.getLong("millis")));
        on("memprof.HeapClass", event -> findings.heapClass(findingClass(event.getString("className")),
                event.getLong("instances"), event.getLong("shallowBytes"), event.getLong("ownedBytes"), event.getLong("staticBytes")));
        on("memprof.HeapStaticField", event -> findings.staticField(findingClass(event.getString("className")),
                String.valueOf(event.getString("field")), String.valueOf(event.getString("valueClass")),
                event.getLong("retainedBytes")));
        on("memprof.HeapHolder", event -> findings.holder(findingClass(event.getString("ownedClass")),
                String.valueOf(event.getString("holder")), names.classes.intern(event.getString("holderClass") == null
                        ? HeapFindings.NOBODY : ClassNames.stable(event.getString("holderClass"))), event.getLong("bytes")));
        on("memprof.PackagedJar", event -> findings.packagedJar(String.valueOf(event.getString("location")), event.getLong("bytes")));
        on("memprof.Finding", event -> findings.note(String.valueOf(event.getString("note"))));
    }

    private int findingClass(String name) {
        return names.classes.intern(name == null ? "unknown" : ClassNames.stable(name));
    }

    @Override
    public boolean wants(String eventType, boolean hasSettings) {
        Meaning meaning = meanings.get(eventType);
        return meaning != null && !(hasSettings && meaning.asyncProfilerOnly());
    }

    @Override
    public void accept(JfrEvent event) {
        Meaning meaning = meanings.get(event.typeName());
        if (meaning == null || meaning.asyncProfilerOnly() && !fromAsyncProfiler(event)) return;
        meaning.read().accept(event);
    }

    /** async-profiler writes event types without settings; every JDK event type has at least "enabled". */
    private static boolean fromAsyncProfiler(JfrEvent event) {
        return !event.typeHasSettings();
    }

    private void heapSummary(JfrEvent event) {
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

    private void classLoad(JfrEvent event) {
        JfrClass loaded = event.getClass("loadedClass");
        if (loaded == null) return;
        JfrObject loader = event.getValue("definingClassLoader");
        JfrClass loaderType = loader == null ? null : loader.getClass("type");
        String loaderName = loader == null ? "bootstrap" : String.valueOf(loaderType != null
                ? loaderType.getName() + "/" + loader.getString("name") : loader.getString("name"));
        String module = RecordingNames.moduleOf(loaded);
        evidence.classLoad(names.classes.intern(ClassNames.stable(loaded.getName())), names.loaders.intern(loaderName),
                module == null ? -1 : names.modules.intern(module),
                names.threads.intern(RecordingNames.threadName(event.getThread("eventThread"))),
                names.evidenceNode(event.getStackTrace()), nanos(event.getStartTime()), event.getDuration().toNanos());
    }

    /** A sampled object still alive when the recording ended; its stack is where it was allocated. */
    private void oldObject(JfrEvent event) {
        oldObjectSamples = true;
        if (allocatedByProfiler(event.getStackTrace())) return;
        JfrObject object = event.getValue("object");
        JfrClass type = object == null ? null : object.getClass("type");
        int classId = names.classes.intern(type == null ? "unknown" : ClassNames.stable(ClassNames.readable(type.getName())));
        int threadId = names.threads.intern(RecordingNames.threadName(event.getThread("eventThread")));
        String holder = OldObjectSamples.holder(event);
        long allocated = nanos(event.getInstant("allocationTime"));
        liveObjects.add(names.stackNode(event.getStackTrace()), threadId, classId, OldObjectSamples.objectSize(event, type),
                allocated, holder == null ? LiveObjects.UNKNOWN_ROOT : liveObjects.internRoot(holder));
        evidence.oldObject(names.evidenceNode(event.getStackTrace()), evidence.sampleBucket(allocated));
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

    @Override
    public int bucket(long epochNanos) {
        return window.contains(epochNanos) ? timeline.bucket(epochNanos) : -1;
    }

    @Override
    public int evidenceBucket(long epochNanos) {
        return evidence.sampleBucket(epochNanos);
    }

    @Override
    public void sameBuckets(long epochNanos, long[] range) {
        long from = Long.MIN_VALUE, to = Long.MAX_VALUE;
        int b = timeline.bucket(epochNanos), e = evidence.sampleBucket(epochNanos);
        if (b > 0) from = timeline.bucketStart(b);
        if (b < timeline.buckets() - 1) to = timeline.bucketStart(b + 1);
        if (e > 0) from = Math.max(from, evidence.sampleBucketStart(e));
        if (e < StartupEvidence.sampleBuckets() - 1) to = Math.min(to, evidence.sampleBucketStart(e + 1));
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
    public void allocations(JfrClass objectClass, JfrThread thread, JfrStackTrace stack, int bucket, long bytes, long samples) {
        allocations.summed(objectClass, thread, stack, bucket, bytes, samples);
    }

    @Override
    public void evidenceAllocations(JfrStackTrace stack, int evidenceBucket, long bytes, long samples) {
        allocations.summedByEvidenceBucket(stack, evidenceBucket, bytes, samples);
    }

    @Override
    public void spread(long[] into, long from, int fromBucket, long to, int toBucket, long weight) {
        allocations.spread(into, from, fromBucket, to, toBucket, weight);
    }

    @Override
    public void allocationRate(ChunkRate rate) {
        allocations.chunkRate(rate);
    }

    @Override
    public void endChunk() {
        names.endChunk();
    }

    AllocationSamples allocationSamples() { return allocations; }
    Libraries libraries() { return libraries; }
    HeapFindings findings() { return findings; }
    NativeMemory nativeMemory() { return nativeMemory; }
    LiveSetReadings liveSet() { return liveSet; }
    /** JFR's old-object samples when the recording has them (they name the holder), else async-profiler's live objects. */
    LiveObjects liveObjects() { return oldObjectSamples ? liveObjects : asyncLiveObjects; }
    /** Whether nothing a report shows was read yet: no allocation, no collection, not even the JVM's name. */
    boolean nothingRead() {
        return allocations.table().size() == 0 && timeline.gcCount() == 0 && jvmVersion == null;
    }

    RecordingInfo info(String file, long startEpochNanos, long durationNanos, int chunks, List<String> warnings) {
        return new RecordingInfo(file, jvmName, jvmVersion, javaArguments, jvmArguments, pid, startEpochNanos, durationNanos,
                chunks, !libraries.isEmpty(), warnings);
    }

    static long nanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }
}
