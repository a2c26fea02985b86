package dev.memprof.analysis.startup;

import java.util.BitSet;
import java.util.function.IntFunction;

/**
 * How much each library is used after startup: the share of time windows after startup in which an allocation or
 * execution sample had its code anywhere on the stack, and its samples. Windows hold about {@value #WINDOW_SAMPLES}
 * samples on average, so a library used all the time is in nearly all of them; windows with few samples (quiet times,
 * bursts elsewhere) tell little and are skipped.
 */
final class LibraryUse {
    private static final long WINDOW_SAMPLES = 20;
    /** In use: seen in this share of the windows after startup, or on this share of the samples. */
    static final double USED_FROM = 0.05, USED_SHARE = 0.005;

    final long samplesAfter;
    final long[] samples;
    /** Per library, the share of telling windows it was seen in (0-1). */
    final double[] share;
    final int windows;

    /**
     * @param allocationLibs the libraries on each allocation-tree node's path; {@code evidenceLibs} on each evidence node's
     * @param profilerAlloc  allocation nodes of the profiler's own work (skipped); {@code profilerEvidence} likewise
     */
    LibraryUse(StartupEvidence evidence, int endCell, int libraryCount, IntFunction<int[]> allocationLibs,
               IntFunction<int[]> evidenceLibs, boolean[] profilerAlloc, boolean[] profilerEvidence) {
        StartupEvidence.Cells alloc = evidence.allocations, exec = evidence.executions;
        long after = 0;
        for (int r = 0; r < alloc.size; r++) if (alloc.cell[r] > endCell && !profilerAlloc[alloc.node[r]]) after += alloc.samples[r];
        for (int r = 0; r < exec.size; r++) if (exec.cell[r] > endCell && !profilerEvidence[exec.node[r]]) after += exec.samples[r];
        samplesAfter = after;
        int cellsAfter = evidence.cells() - 1 - endCell;
        int window = (int) Math.max(1, Math.min(cellsAfter, after == 0 ? 1 : WINDOW_SAMPLES * cellsAfter / after));
        int count = cellsAfter / window + 1;
        long[] windowSamples = new long[count];
        samples = new long[libraryCount];
        BitSet[] used = new BitSet[libraryCount];
        for (int r = 0; r < alloc.size; r++) {
            if (alloc.cell[r] <= endCell || profilerAlloc[alloc.node[r]]) continue;
            int w = (alloc.cell[r] - endCell - 1) / window;
            windowSamples[w] += alloc.samples[r];
            for (int lib : allocationLibs.apply(alloc.node[r])) use(used, lib, alloc.samples[r], w);
        }
        for (int r = 0; r < exec.size; r++) {
            if (exec.cell[r] <= endCell || profilerEvidence[exec.node[r]]) continue;
            int w = (exec.cell[r] - endCell - 1) / window;
            windowSamples[w] += exec.samples[r];
            for (int lib : evidenceLibs.apply(exec.node[r])) use(used, lib, exec.samples[r], w);
        }
        BitSet telling = new BitSet(count), any = new BitSet(count);
        for (int w = 0; w < count; w++) {
            if (windowSamples[w] >= WINDOW_SAMPLES / 2) telling.set(w);
            if (windowSamples[w] > 0) any.set(w);
        }
        if (telling.isEmpty()) telling = any;
        windows = telling.cardinality();
        share = new double[libraryCount];
        for (int lib = 0; lib < libraryCount; lib++) {
            if (windows == 0 || used[lib] == null) continue;
            BitSet seen = (BitSet) used[lib].clone();
            seen.and(telling);
            share[lib] = (double) seen.cardinality() / windows;
        }
    }

    private void use(BitSet[] used, int lib, long count, int window) {
        samples[lib] += count;
        if (used[lib] == null) used[lib] = new BitSet();
        used[lib].set(window);
    }

    /**
     * In use: seen in 5% of the time windows after startup, or on 0.5% of all samples after it (samples can bunch in
     * time, leaving windows without any). Measured on a Spring Boot service under HTTP load: libraries on every request
     * (JSON, the ORM, the pool, the database) were in 9-100% of the windows, one used on 1 request in 500 in none.
     */
    boolean inUse(int lib) {
        return lib >= 0 && lib < share.length && (share[lib] >= USED_FROM || (samplesAfter > 0 && samples[lib] >= USED_SHARE * samplesAfter));
    }
}
