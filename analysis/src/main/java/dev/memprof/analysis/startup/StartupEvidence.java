package dev.memprof.analysis.startup;

import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.util.LongIntMap;
import dev.memprof.analysis.util.TimeOrderedRows;

import java.util.Arrays;

/**
 * What a recording says about startup and about use afterwards, collected during the one pass and judged only
 * when the pass is done (the startup mark is the recording's last chunk): class loads with their stacks,
 * class-file sizes, allocation, execution and old-object samples in the evidence's time buckets, and heap and
 * metaspace readings. Memory follows distinct classes and stacks, not the file's size.
 */
public final class StartupEvidence {
    /** Fine buckets over the recording, the evidence's finest; heap and metaspace readings stay in them. */
    static final int FINE_BUCKETS = 4096;
    /**
     * Rows a table of samples may hold: past it, the sample tables' buckets coarsen (twice as long), so memory stays
     * bounded however many stacks a long recording has. The result does not depend on when that happens: the final
     * buckets are the finest whose tables fit.
     */
    static final int MAX_TABLE_ROWS = 1 << 18;
    /**
     * The sample tables start with buckets of 4 fine buckets (1024 over the recording): finer cost a reader
     * a row per stack per bucket (3 in 4 of the rows a 500 MB recording fed the model) for a startup end known to a
     * thousandth of the recording rather than a four-thousandth.
     */
    static final int SAMPLE_LEVEL = 2;
    final long startNanos, fineBucketNanos;
    /** The sample tables' buckets are {@code 2^level} fine buckets. */
    private int level = SAMPLE_LEVEL;
    /** Stacks of class loads, execution samples and old objects; frames shared with the allocation tree. */
    final CallTree stacks = new CallTree();

    // one row per class loaded (first load of a name by a defining loader)
    int classCount;
    int[] className = new int[1024], module = new int[1024], loadThread = new int[1024], loadStack = new int[1024];
    long[] loadTime = new long[1024], loadDuration = new long[1024];
    private final LongIntMap classRows = new LongIntMap();

    /** Samples per (stack node, bucket): allocation (in the allocation tree), execution and old objects (in {@link #stacks}). */
    final SampleTable allocations = new SampleTable(), executions = new SampleTable(), oldObjects = new SampleTable();
    final long[] heapAfterGc = filled(), metaspaceUsed = filled();

    /** Class-file bytes by class id (0: unknown), and the classes the agent found loaded when a recording started. */
    int[] classFileSize = new int[1024];
    int inventoryCount;
    int[] inventoryClass = new int[256];

    long jvmStartNanos = -1;
    String jvmArguments;
    boolean attachedByMemprof;
    long markedReadyNanos = -1;
    String markedRule, markedDescription;

    public StartupEvidence(long startEpochNanos, long durationNanos) {
        this.startNanos = startEpochNanos;
        this.fineBucketNanos = Math.max(100_000L, (durationNanos + FINE_BUCKETS - 1) / FINE_BUCKETS);
    }

    /**
     * Whether the recording began with its JVM (memprof run, or any -XX:StartFlightRecording) rather than later
     * (memprof attach names its recordings memprof-<pid>; jcmd or an API start one without the flag).
     */
    public boolean fromJvmStart(long recordingStartNanos) {
        if (attachedByMemprof || jvmStartNanos < 0 || jvmArguments == null) return false;
        return jvmArguments.contains("-XX:StartFlightRecording") && recordingStartNanos - jvmStartNanos < 30_000_000_000L;
    }

    /** Stacks of class loads, execution samples and old objects (see {@link #stacks}), for the reader to add to. */
    public CallTree stacks() {
        return stacks;
    }

    public void jvmStart(long epochNanos) {
        jvmStartNanos = epochNanos;
    }

    public void jvmArguments(String arguments) {
        jvmArguments = arguments;
    }

    /** The recording is one memprof attach started (named memprof-<pid>). */
    public void attachedByMemprof() {
        attachedByMemprof = true;
    }

    /** One allocation sample of the allocation tree's {@code stackNode}, in a {@link #sampleBucket}. */
    public void allocation(int stackNode, int sampleBucket, long weight) {
        allocations.add(stackNode, sampleBucket, weight);
    }

    /** {@code count} allocation samples at once, {@code weight} their summed weight. */
    public void allocations(int stackNode, int sampleBucket, long weight, long count) {
        allocations.add(stackNode, sampleBucket, weight, count);
    }

    /** An execution sample; {@code stackNode} in {@link #stacks}. */
    public void execution(int stackNode, int sampleBucket) {
        executions.add(stackNode, sampleBucket, 0);
    }

    /** An old-object sample, in the bucket of its allocation time; {@code stackNode} in {@link #stacks}. */
    public void oldObject(int stackNode, int sampleBucket) {
        oldObjects.add(stackNode, sampleBucket, 0);
    }

    /** The bucket of a time in the sample tables as they are now. */
    int bucket(long epochNanos) {
        return fineBucket(epochNanos) >> level;
    }

    /** The bucket of a time in the sample tables as they start, what {@link SampleTable#add} takes. Thread-safe. */
    public int sampleBucket(long epochNanos) {
        return fineBucket(epochNanos) >> SAMPLE_LEVEL;
    }

    /** How many {@link #sampleBucket}s there are. */
    public static int sampleBuckets() {
        return FINE_BUCKETS >> SAMPLE_LEVEL;
    }

    /** When a {@link #sampleBucket} begins. */
    public long sampleBucketStart(int bucket) {
        return fineBucketStart(bucket << SAMPLE_LEVEL);
    }

    /** The fine bucket of a time, the readings'. Thread-safe. */
    int fineBucket(long epochNanos) {
        return (int) Math.max(0, Math.min(FINE_BUCKETS - 1, (epochNanos - startNanos) / fineBucketNanos));
    }

    /** When a fine bucket begins. */
    long fineBucketStart(int bucket) {
        return startNanos + bucket * fineBucketNanos;
    }

    /** How many buckets the sample tables have now. */
    int buckets() {
        return FINE_BUCKETS >> level;
    }

    private void coarsen() {
        while (Math.max(allocations.size, Math.max(executions.size, oldObjects.size)) > MAX_TABLE_ROWS && level < 12) {
            level++;
            allocations.halve();
            executions.halve();
            oldObjects.halve();
        }
    }

    /** A class load; a name already loaded by the same defining loader (a delegation record) is skipped. */
    public void classLoad(int classId, int loaderId, int moduleId, int threadId, int stackNode, long time, long duration) {
        long key = ((long) classId << 24) | (loaderId & 0xFFFFFF);
        if (classRows.get(key) >= 0) return;
        if (classCount == className.length) grow();
        int row = classCount++;
        classRows.put(key, row);
        className[row] = classId;
        module[row] = moduleId;
        loadThread[row] = threadId;
        loadStack[row] = stackNode;
        loadTime[row] = time;
        loadDuration[row] = duration;
    }

    private void grow() {
        int n = className.length * 2;
        className = Arrays.copyOf(className, n);
        module = Arrays.copyOf(module, n);
        loadThread = Arrays.copyOf(loadThread, n);
        loadStack = Arrays.copyOf(loadStack, n);
        loadTime = Arrays.copyOf(loadTime, n);
        loadDuration = Arrays.copyOf(loadDuration, n);
    }

    public void classSource(int classId, int size, boolean inventory) {
        if (classId >= classFileSize.length) classFileSize = Arrays.copyOf(classFileSize, Math.max(classId + 1, classFileSize.length * 2));
        if (size > 0) classFileSize[classId] = size;
        if (inventory) {
            if (inventoryCount == inventoryClass.length) inventoryClass = Arrays.copyOf(inventoryClass, inventoryCount * 2);
            inventoryClass[inventoryCount++] = classId;
        }
    }

    int classFileSize(int classId) {
        return classId < classFileSize.length ? classFileSize[classId] : 0;
    }

    public void heapAfterGc(long time, long used) {
        int b = fineBucket(time);
        if (heapAfterGc[b] < 0) heapAfterGc[b] = used;
    }

    public void metaspace(long time, long used) {
        int b = fineBucket(time);
        if (metaspaceUsed[b] < 0) metaspaceUsed[b] = used;
    }

    public void startupMark(String rule, String description, long readyEpochNanos) {
        markedRule = rule;
        markedDescription = description;
        markedReadyNanos = readyEpochNanos;
    }

    /** The first reading at or after fine bucket {@code bucket}, else the last before it, else -1. */
    static long readingNear(long[] readings, int bucket) {
        for (int b = bucket; b < readings.length; b++) if (readings[b] >= 0) return readings[b];
        for (int b = bucket - 1; b >= 0; b--) if (readings[b] >= 0) return readings[b];
        return -1;
    }

    /**
     * The lowest reading in the {@code nanos} after fine bucket {@code bucket} (memprof check's full GC follows startup's
     * end, maybe after a young GC), else {@link #readingNear}.
     */
    long lowestReadingAfter(long[] readings, int bucket, long nanos) {
        long lowest = -1;
        for (int b = Math.max(0, bucket); b < readings.length && b <= bucket + nanos / fineBucketNanos; b++) {
            if (readings[b] >= 0 && (lowest < 0 || readings[b] < lowest)) lowest = readings[b];
        }
        return lowest >= 0 ? lowest : readingNear(readings, Math.max(0, bucket));
    }

    private static long[] filled() {
        long[] a = new long[FINE_BUCKETS];
        Arrays.fill(a, -1);
        return a;
    }

    /** Sample counts and bytes keyed by (stack node, bucket of the sample tables), in columns. */
    final class SampleTable {
        int size;
        int[] node = new int[256], bucket = new int[256];
        long[] samples = new long[256], bytes = new long[256];
        /** A node's rows, one per bucket. */
        private final TimeOrderedRows rows = new TimeOrderedRows();

        /** One sample in a {@link #sampleBucket}. */
        void add(int stackNode, int sampleBucket, long weight) {
            add(stackNode, sampleBucket, weight, 1);
        }

        /** {@code count} samples at once in a {@link #sampleBucket}, {@code weight} their summed weight. */
        void add(int stackNode, int sampleBucket, long weight, long count) {
            int before = size;
            put(stackNode, sampleBucket >> (level - SAMPLE_LEVEL), weight, count);
            if (size > before && size > MAX_TABLE_ROWS) coarsen();
        }

        /** Merges each pair of buckets. */
        private void halve() {
            int n = size;
            int[] oldNode = node, oldBucket = bucket;
            long[] oldSamples = samples, oldBytes = bytes;
            size = 0;
            node = new int[256];
            bucket = new int[256];
            samples = new long[256];
            bytes = new long[256];
            rows.clear();
            for (int r = 0; r < n; r++) put(oldNode[r], oldBucket[r] >> 1, oldBytes[r], oldSamples[r]);
        }

        private void put(int stackNode, int tableBucket, long weight, long count) {
            int row = rows.find(stackNode, tableBucket, bucket, size);
            if (row == size) {
                if (size == node.length) {
                    node = Arrays.copyOf(node, size * 2);
                    bucket = Arrays.copyOf(bucket, size * 2);
                    samples = Arrays.copyOf(samples, size * 2);
                    bytes = Arrays.copyOf(bytes, size * 2);
                }
                size++;
                node[row] = stackNode;
                bucket[row] = tableBucket;
            }
            samples[row] += count;
            bytes[row] += weight;
        }
    }
}
