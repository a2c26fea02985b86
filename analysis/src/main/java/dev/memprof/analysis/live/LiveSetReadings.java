package dev.memprof.analysis.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The heap used after each collection that looked at the whole heap: the only after-GC readings that are the live set.
 * Heap after a young collection still holds every old object that died since the last old collection (a steady H2
 * workload, default heap, 60 s: heap after young GCs rose 7 to 26 MiB with no old collection at all).
 * <p>
 * Which collections count, as JFR names them ({@code jdk.GarbageCollection}, joined to {@code jdk.GCHeapSummary} "After
 * GC" by GC id), measured on JDK 17 and 25:
 * <ul>
 * <li>full, stop-the-world: G1 {@code G1Full}, Parallel {@code ParallelOld} (a {@code ParallelScavenge} of the same
 * cause comes first and does not count), Serial {@code SerialOld};</li>
 * <li>G1's mixed phase: the last {@code Mixed} collection ({@code jdk.G1GarbageCollection}) before a young one; G1's
 * concurrent mark ({@code G1Old}) frees nothing by itself, its heap summary is taken at its start;</li>
 * <li>concurrent, whole heap: ZGC's cycles ({@code Z}; generational ZGC's major ones) and Shenandoah's: these also hold
 * what was allocated while the cycle ran, a steady amount under steady load.</li>
 * </ul>
 */
public final class LiveSetReadings {
    private static final Set<String> WHOLE_HEAP = Set.of("G1Full", "ParallelOld", "SerialOld", "PSMarkSweep", "Z",
            "ZGC Major", "Shenandoah");
    /** GC id -> {time, heap used} after it. */
    private final Map<Long, long[]> afterGc = new HashMap<>();
    /** GC id -> collector's name, and cause. */
    private final Map<Long, String[]> collections = new HashMap<>();
    /** G1's young collections: GC id -> "Normal", "Concurrent Start", "Prepare Mixed", "Mixed", ... */
    private final TreeMap<Long, String> g1Types = new TreeMap<>();

    /** Heap used after one collection; {@code wholeHeap}: a live-set reading. */
    public record Reading(long epochNanos, long heapUsed, String collector, String cause, boolean wholeHeap) {}

    public void afterGc(long gcId, long epochNanos, long heapUsed) {
        afterGc.put(gcId, new long[] {epochNanos, heapUsed});
    }

    public void collection(long gcId, String name, String cause) {
        collections.put(gcId, new String[] {name, cause});
    }

    public void g1Collection(long gcId, String type) {
        g1Types.put(gcId, type);
    }

    /** The heap after every collection JFR named, in time order. */
    public List<Reading> readings() {
        List<Reading> readings = new ArrayList<>();
        for (var gc : afterGc.entrySet()) {
            String[] collection = collections.get(gc.getKey());
            if (collection == null) continue; // e.g. G1's concurrent mark cut by the recording's end
            boolean mixedPhaseEnd = mixedPhaseEnd(gc.getKey());
            readings.add(new Reading(gc.getValue()[0], gc.getValue()[1], mixedPhaseEnd ? "G1 mixed phase's end" : collection[0],
                    collection[1], mixedPhaseEnd || WHOLE_HEAP.contains(collection[0])));
        }
        readings.sort((a, b) -> Long.compare(a.epochNanos(), b.epochNanos()));
        return readings;
    }

    private boolean mixedPhaseEnd(long gcId) {
        // a mixed phase's collections each take some old regions; after its last one, the old garbage G1 found is gone
        // (the recording's last mixed collection may not be its phase's last: left out)
        var next = g1Types.higherEntry(gcId);
        return "Mixed".equals(g1Types.get(gcId)) && next != null && !"Mixed".equals(next.getValue());
    }
}
