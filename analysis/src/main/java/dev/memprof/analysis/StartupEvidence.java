package dev.memprof.analysis;

import java.util.Arrays;

/**
 * What a recording says about startup and about use afterwards, collected during the one pass and judged only
 * when the pass is done (the startup mark is the recording's last chunk): class loads with their stacks,
 * class-file sizes, allocation, execution and old-object samples on a fine time grid, and heap and metaspace
 * readings. Memory follows distinct classes and stacks, not the file's size.
 */
final class StartupEvidence {
    static final int GRID = 4096;
    final long startNanos, gridNanos;
    /** Stacks of class loads, execution samples and old objects; frames shared with the allocation tree. */
    final CallTree stacks = new CallTree();

    // one row per class loaded (first load of a name by a defining loader)
    int classCount;
    int[] className = new int[1024], module = new int[1024], loadThread = new int[1024], loadStack = new int[1024];
    long[] loadTime = new long[1024], loadDuration = new long[1024];
    private final LongIntMap classRows = new LongIntMap();

    /** Samples per (stack node, grid cell): allocation (in the allocation tree), execution and old objects (in {@link #stacks}). */
    final Cells allocations = new Cells(), executions = new Cells(), oldObjects = new Cells();
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

    StartupEvidence(long startEpochNanos, long durationNanos) {
        this.startNanos = startEpochNanos;
        this.gridNanos = Math.max(100_000L, (durationNanos + GRID - 1) / GRID);
    }

    /**
     * Whether the recording began with its JVM (memprof run, or any -XX:StartFlightRecording) rather than later
     * (memprof attach names its recordings memprof-<pid>; jcmd or an API start one without the flag).
     */
    boolean fromJvmStart(long recordingStartNanos) {
        if (attachedByMemprof || jvmStartNanos < 0 || jvmArguments == null) return false;
        return jvmArguments.contains("-XX:StartFlightRecording") && recordingStartNanos - jvmStartNanos < 30_000_000_000L;
    }

    int cell(long epochNanos) {
        return (int) Math.max(0, Math.min(GRID - 1, (epochNanos - startNanos) / gridNanos));
    }

    long cellStart(int cell) {
        return startNanos + cell * gridNanos;
    }

    /** A class load; a name already loaded by the same defining loader (a delegation record) is skipped. */
    void classLoad(int classId, int loaderId, int moduleId, int threadId, int stackNode, long time, long duration) {
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

    void classSource(int classId, int size, boolean inventory) {
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

    void heapAfterGc(long time, long used) {
        int c = cell(time);
        if (heapAfterGc[c] < 0) heapAfterGc[c] = used;
    }

    void metaspace(long time, long used) {
        int c = cell(time);
        if (metaspaceUsed[c] < 0) metaspaceUsed[c] = used;
    }

    void startupMark(String rule, String description, long readyEpochNanos) {
        markedRule = rule;
        markedDescription = description;
        markedReadyNanos = readyEpochNanos;
    }

    /** The first reading at or after {@code cell}, else the last before it, else -1. */
    static long readingNear(long[] readings, int cell) {
        for (int c = cell; c < readings.length; c++) if (readings[c] >= 0) return readings[c];
        for (int c = cell - 1; c >= 0; c--) if (readings[c] >= 0) return readings[c];
        return -1;
    }

    /**
     * The lowest reading in the {@code nanos} after {@code cell} (memprof check's full GC follows startup's end, maybe
     * after a young GC), else {@link #readingNear}.
     */
    long lowestReadingAfter(long[] readings, int cell, long nanos) {
        long lowest = -1;
        for (int c = Math.max(0, cell); c < readings.length && c <= cell + nanos / gridNanos; c++) {
            if (readings[c] >= 0 && (lowest < 0 || readings[c] < lowest)) lowest = readings[c];
        }
        return lowest >= 0 ? lowest : readingNear(readings, Math.max(0, cell));
    }

    private static long[] filled() {
        long[] a = new long[GRID];
        Arrays.fill(a, -1);
        return a;
    }

    /** Sample counts and bytes keyed by (stack node, grid cell), in columns. */
    static final class Cells {
        private final LongIntMap rows = new LongIntMap();
        int size;
        int[] node = new int[256], cell = new int[256];
        long[] samples = new long[256], bytes = new long[256];

        void add(int stackNode, int gridCell, long weight) {
            add(stackNode, gridCell, weight, 1);
        }

        /** {@code count} samples at once, {@code weight} their summed weight. */
        void add(int stackNode, int gridCell, long weight, long count) {
            long key = ((long) stackNode << 12) | gridCell;
            int row = rows.get(key);
            if (row < 0) {
                if (size == node.length) {
                    node = Arrays.copyOf(node, size * 2);
                    cell = Arrays.copyOf(cell, size * 2);
                    samples = Arrays.copyOf(samples, size * 2);
                    bytes = Arrays.copyOf(bytes, size * 2);
                }
                row = size++;
                rows.put(key, row);
                node[row] = stackNode;
                cell[row] = gridCell;
            }
            samples[row] += count;
            bytes[row] += weight;
        }
    }
}
