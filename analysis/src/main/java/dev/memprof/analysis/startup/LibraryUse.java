package dev.memprof.analysis.startup;

import java.util.BitSet;
import java.util.function.IntFunction;

/**
 * How much each library is used after startup: the share of use periods (equal stretches of time after startup, each
 * a few of the evidence's buckets) in which an allocation or execution sample had its code anywhere on the stack, and
 * its samples. Periods hold about {@value #PERIOD_SAMPLES} samples on average, so a library used all the time is in
 * nearly all of them; periods with few samples (quiet times, bursts elsewhere) tell little and are skipped.
 */
final class LibraryUse {
    private static final long PERIOD_SAMPLES = 20;
    /** In use: seen in this share of the use periods, or on this share of the samples. */
    static final double USED_FROM = 0.05, USED_SHARE = 0.005;

    final long samplesAfter;
    final long[] samples;
    /** Per library, the share of telling periods it was seen in (0-1). */
    final double[] share;
    final int periods;

    /**
     * @param allocationLibs the libraries on each allocation-tree node's path; {@code evidenceLibs} on each evidence node's
     * @param profilerAlloc  allocation nodes of the profiler's own work (skipped); {@code profilerEvidence} likewise
     */
    LibraryUse(StartupEvidence evidence, int endBucket, int libraryCount, IntFunction<int[]> allocationLibs,
               IntFunction<int[]> evidenceLibs, boolean[] profilerAlloc, boolean[] profilerEvidence) {
        StartupEvidence.SampleTable alloc = evidence.allocations, exec = evidence.executions;
        long after = 0;
        for (int r = 0; r < alloc.size; r++) if (alloc.bucket[r] > endBucket && !profilerAlloc[alloc.node[r]]) after += alloc.samples[r];
        for (int r = 0; r < exec.size; r++) if (exec.bucket[r] > endBucket && !profilerEvidence[exec.node[r]]) after += exec.samples[r];
        samplesAfter = after;
        int bucketsAfter = evidence.buckets() - 1 - endBucket;
        int period = (int) Math.max(1, Math.min(bucketsAfter, after == 0 ? 1 : PERIOD_SAMPLES * bucketsAfter / after));
        int count = bucketsAfter / period + 1;
        long[] periodSamples = new long[count];
        samples = new long[libraryCount];
        BitSet[] used = new BitSet[libraryCount];
        for (int r = 0; r < alloc.size; r++) {
            if (alloc.bucket[r] <= endBucket || profilerAlloc[alloc.node[r]]) continue;
            int p = (alloc.bucket[r] - endBucket - 1) / period;
            periodSamples[p] += alloc.samples[r];
            for (int lib : allocationLibs.apply(alloc.node[r])) use(used, lib, alloc.samples[r], p);
        }
        for (int r = 0; r < exec.size; r++) {
            if (exec.bucket[r] <= endBucket || profilerEvidence[exec.node[r]]) continue;
            int p = (exec.bucket[r] - endBucket - 1) / period;
            periodSamples[p] += exec.samples[r];
            for (int lib : evidenceLibs.apply(exec.node[r])) use(used, lib, exec.samples[r], p);
        }
        BitSet telling = new BitSet(count), any = new BitSet(count);
        for (int p = 0; p < count; p++) {
            if (periodSamples[p] >= PERIOD_SAMPLES / 2) telling.set(p);
            if (periodSamples[p] > 0) any.set(p);
        }
        if (telling.isEmpty()) telling = any;
        periods = telling.cardinality();
        share = new double[libraryCount];
        for (int lib = 0; lib < libraryCount; lib++) {
            if (periods == 0 || used[lib] == null) continue;
            BitSet seen = (BitSet) used[lib].clone();
            seen.and(telling);
            share[lib] = (double) seen.cardinality() / periods;
        }
    }

    private void use(BitSet[] used, int lib, long count, int period) {
        samples[lib] += count;
        if (used[lib] == null) used[lib] = new BitSet();
        used[lib].set(period);
    }

    /**
     * In use: seen in 5% of the use periods, or on 0.5% of all samples after startup (samples can bunch in time,
     * leaving periods without any). Measured on a Spring Boot service under HTTP load: libraries on every request
     * (JSON, the ORM, the pool, the database) were in 9-100% of the periods, one used on 1 request in 500 in none.
     */
    boolean inUse(int lib) {
        return lib >= 0 && lib < share.length && (share[lib] >= USED_FROM || (samplesAfter > 0 && samples[lib] >= USED_SHARE * samplesAfter));
    }
}
