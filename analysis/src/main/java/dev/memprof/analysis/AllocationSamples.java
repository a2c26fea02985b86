package dev.memprof.analysis;

import dev.memprof.analysis.jfr.ChunkRate;
import dev.memprof.analysis.jfr.JfrClass;
import dev.memprof.analysis.jfr.JfrEvent;
import dev.memprof.analysis.jfr.JfrFile;
import dev.memprof.analysis.jfr.JfrStackTrace;
import dev.memprof.analysis.jfr.JfrThread;
import dev.memprof.analysis.startup.StartupEvidence;
import dev.memprof.analysis.util.LongIntMap;

/**
 * Allocation samples, one by one or as the sums {@link JfrFile} makes of them, into the allocation table and rate
 * (those in the --from/--to window) and the startup evidence (all of them); threads' first samples wait in {@link
 * FirstSamples} until the recording is read.
 */
final class AllocationSamples {
    private final RecordingNames names;
    private final Timeline timeline;
    private final StartupEvidence evidence;
    private final TimeRange.Window window;
    private final AllocationTable allocations = new AllocationTable();
    private final AllocationRate allocationRate;
    private final FirstSamples firstSamples = new FirstSamples();
    /** By Java thread id (see {@link #rateThread}). */
    private final LongIntMap rateThreads = new LongIntMap();
    private int rateThreadCount;
    /** The rate's count of samples that went back in time, when the chunk being read began. */
    private int rateBackwards;

    AllocationSamples(RecordingNames names, Timeline timeline, StartupEvidence evidence, TimeRange.Window window) {
        this.names = names;
        this.timeline = timeline;
        this.evidence = evidence;
        this.window = window;
        this.allocationRate = new AllocationRate(timeline);
    }

    AllocationTable table() {
        return allocations;
    }

    AllocationRate rate() {
        return allocationRate;
    }

    void threadStarted(long javaThreadId) {
        firstSamples.threadStarted(javaThreadId);
    }

    /** {@code sinceLastSample}: JFR's weight, the bytes the thread allocated since its previous sample (see {@link FirstSamples}). */
    void sample(JfrEvent event, long weight, boolean sinceLastSample) {
        long time = RecordingEvents.nanos(event.getStartTime());
        int classId = names.objectClassId(event.getClass("objectClass"));
        JfrThread thread = event.getThread("eventThread");
        int threadId = names.threadId(thread), rateThread = rateThread(thread, threadId);
        int node = names.stackNode(event.getStackTrace());
        if (sinceLastSample && thread != null
                && firstSamples.holdFirst(thread.getJavaThreadId(), node, threadId, classId, time, weight, rateThread)) {
            if (window.contains(time)) allocationRate.add(rateThread, time, 0); // where the thread's next sample's bytes start
            return;
        }
        add(node, threadId, rateThread, classId, time, weight);
    }

    /** Startup evidence takes every sample; the report's tables only those in the --from/--to window. */
    private void add(int node, int threadId, int rateThread, int classId, long time, long weight) {
        evidence.allocation(node, evidence.sampleBucket(time), weight);
        if (!window.contains(time)) return;
        allocations.add(node, threadId, classId, timeline.bucket(time), weight);
        allocationRate.add(rateThread, time, weight);
    }

    /** The held-back first samples, once every other sample is in (see {@link FirstSamples}). */
    void addFirstSamples(long recordingStart, long duration) {
        boolean attached = !evidence.fromJvmStart(recordingStart);
        long[] threadBytes = new long[names.threads.size()];
        for (int r = 0; r < allocations.size(); r++) threadBytes[allocations.thread(r)] += allocations.bytes(r);
        firstSamples.addTo(this::add, attached, threadBytes, recordingStart, duration);
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
     * Samples summed by {@link JfrFile}: never a thread's first (those come one by one, to {@link #sample}), so they
     * go straight to the table when in the window; their names are read either way, as for one sample.
     */
    void summed(JfrClass objectClass, JfrThread thread, JfrStackTrace stack, int bucket, long bytes, long samples) {
        int classId = names.objectClassId(objectClass), threadId = names.threadId(thread); // in the order sample() reads them
        int node = names.stackNode(stack);
        if (bucket >= 0) allocations.add(node, threadId, classId, bucket, bytes, samples);
    }

    void summedByEvidenceBucket(JfrStackTrace stack, int evidenceBucket, long bytes, long samples) {
        evidence.allocations(names.stackNode(stack), evidenceBucket, bytes, samples);
    }

    void spread(long[] into, long from, int fromBucket, long to, int toBucket, long weight) {
        allocationRate.spread(into, from, fromBucket, to, toBucket, weight);
    }

    /** Exact when no sample went back in time (see {@link ChunkRate}): the heads first, then the chunk's sums. */
    void chunkRate(ChunkRate rate) {
        int[] ids = new int[rate.threadCount()];
        boolean inOrder = allocationRate.backwards() == rateBackwards;
        for (int t = 0; t < ids.length; t++) {
            ids[t] = rateThread(rate.thread(t), names.threadId(rate.thread(t))); // each had a sample in the chunk: its name is interned already
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
}
