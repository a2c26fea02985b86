package dev.memprof.analysis.startup;

import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.util.LongIntMap;
import dev.memprof.analysis.util.TimeOrderedRows;

import java.util.Arrays;

/**
 * What a recording says about startup and about use afterwards, collected during the one pass and judged only
 * when the pass is done (the startup mark is the recording's last chunk): class loads with their stacks,
 * class-file sizes, allocation, execution and old-object samples on a fine time grid, and heap and metaspace
 * readings. Memory follows distinct classes and stacks, not the file's size.
 */
public final class StartupEvidence {
    /** Cells of the finest grid; heap and metaspace readings stay on it. */
    static final int GRID = 4096;
    /**
     * Rows a table of samples may hold: past it, the sample tables' grid coarsens (cells twice as long), so memory stays
     * bounded however many stacks a long recording has. The result does not depend on when that happens: the final
     * grid is the finest whose tables fit.
     */
    static final int MAX_CELL_ROWS = 1 << 18;
    /**
     * The sample tables start with cells of 4 cells of the finest grid (1024 over the recording): finer cost a reader
     * a row per stack per cell (3 in 4 of the rows a 500 MB recording fed the model) for a startup end known to a
     * thousandth of the recording rather than a four-thousandth.
     */
    static final int SAMPLE_LEVEL = 2;
    final long startNanos, gridNanos;
    /** The sample tables' cells are {@code 2^level} cells of the finest grid. */
    private int level = SAMPLE_LEVEL;
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

    public StartupEvidence(long startEpochNanos, long durationNanos) {
        this.startNanos = startEpochNanos;
        this.gridNanos = Math.max(100_000L, (durationNanos + GRID - 1) / GRID);
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

    /** One allocation sample of the allocation tree's {@code stackNode}, at a cell of {@link #sampleCell}'s grid. */
    public void allocation(int stackNode, int sampleCell, long weight) {
        allocations.add(stackNode, sampleCell, weight);
    }

    /** {@code count} allocation samples at once, {@code weight} their summed weight. */
    public void allocations(int stackNode, int sampleCell, long weight, long count) {
        allocations.add(stackNode, sampleCell, weight, count);
    }

    /** An execution sample; {@code stackNode} in {@link #stacks}. */
    public void execution(int stackNode, int sampleCell) {
        executions.add(stackNode, sampleCell, 0);
    }

    /** An old-object sample, at the cell of its allocation time; {@code stackNode} in {@link #stacks}. */
    public void oldObject(int stackNode, int sampleCell) {
        oldObjects.add(stackNode, sampleCell, 0);
    }

    /** The cell of a time in the sample tables' grid. */
    int cell(long epochNanos) {
        return fineCell(epochNanos) >> level;
    }

    /** The cell of a time in the grid the sample tables start with, what {@link Cells#add} takes. Thread-safe. */
    public int sampleCell(long epochNanos) {
        return fineCell(epochNanos) >> SAMPLE_LEVEL;
    }

    /** How many cells {@link #sampleCell}'s grid has. */
    public static int sampleCells() {
        return GRID >> SAMPLE_LEVEL;
    }

    /** When a cell of {@link #sampleCell}'s grid begins. */
    public long sampleCellStart(int cell) {
        return fineCellStart(cell << SAMPLE_LEVEL);
    }

    /** The cell of a time in the finest grid, the readings'. Thread-safe. */
    int fineCell(long epochNanos) {
        return (int) Math.max(0, Math.min(GRID - 1, (epochNanos - startNanos) / gridNanos));
    }

    /** When a cell of the finest grid begins. */
    long fineCellStart(int cell) {
        return startNanos + cell * gridNanos;
    }

    /** How many cells the sample tables' grid has. */
    int cells() {
        return GRID >> level;
    }

    private void coarsen() {
        while (Math.max(allocations.size, Math.max(executions.size, oldObjects.size)) > MAX_CELL_ROWS && level < 12) {
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
        int c = fineCell(time);
        if (heapAfterGc[c] < 0) heapAfterGc[c] = used;
    }

    public void metaspace(long time, long used) {
        int c = fineCell(time);
        if (metaspaceUsed[c] < 0) metaspaceUsed[c] = used;
    }

    public void startupMark(String rule, String description, long readyEpochNanos) {
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

    /** Sample counts and bytes keyed by (stack node, cell of the sample tables' grid), in columns. */
    final class Cells {
        int size;
        int[] node = new int[256], cell = new int[256];
        long[] samples = new long[256], bytes = new long[256];
        /** A node's rows, one per cell. */
        private final TimeOrderedRows rows = new TimeOrderedRows();

        /** One sample at a cell of {@link #sampleCell}'s grid. */
        void add(int stackNode, int sampleCell, long weight) {
            add(stackNode, sampleCell, weight, 1);
        }

        /** {@code count} samples at once at a cell of {@link #sampleCell}'s grid, {@code weight} their summed weight. */
        void add(int stackNode, int sampleCell, long weight, long count) {
            int before = size;
            put(stackNode, sampleCell >> (level - SAMPLE_LEVEL), weight, count);
            if (size > before && size > MAX_CELL_ROWS) coarsen();
        }

        /** Merges each pair of cells. */
        private void halve() {
            int n = size;
            int[] oldNode = node, oldCell = cell;
            long[] oldSamples = samples, oldBytes = bytes;
            size = 0;
            node = new int[256];
            cell = new int[256];
            samples = new long[256];
            bytes = new long[256];
            rows.clear();
            for (int r = 0; r < n; r++) put(oldNode[r], oldCell[r] >> 1, oldBytes[r], oldSamples[r]);
        }

        private void put(int stackNode, int gridCell, long weight, long count) {
            int row = rows.find(stackNode, gridCell, cell, size);
            if (row == size) {
                if (size == node.length) {
                    node = Arrays.copyOf(node, size * 2);
                    cell = Arrays.copyOf(cell, size * 2);
                    samples = Arrays.copyOf(samples, size * 2);
                    bytes = Arrays.copyOf(bytes, size * 2);
                }
                size++;
                node[row] = stackNode;
                cell[row] = gridCell;
            }
            samples[row] += count;
            bytes[row] += weight;
        }
    }
}
