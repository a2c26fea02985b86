package dev.memprof.analysis.live;

import dev.memprof.analysis.AllocationSummary;
import dev.memprof.analysis.Profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * Totals of a profile's live objects by allocation site (full stack) and by holder (GC root description), most
 * sampled objects first. Ranked by samples, not bytes: a sample is taken per so many bytes allocated, so sample
 * counts estimate shares of live memory, while the sampled objects' own sizes would count big objects twice.
 */
public final class LiveObjectSummary {
    private LiveObjectSummary() {}

    /** @return entries keyed by stack node */
    public static List<AllocationSummary.Entry> bySite(Profile profile) {
        LiveObjects live = profile.liveObjects();
        return group(live, profile.tree().size(), r -> live.node(r));
    }

    /**
     * @return entries keyed by {@link LiveObjects#roots()} id, or {@link LiveObjects#UNKNOWN_ROOT} last whatever its
     *         count: "no path found" is not a holder, and JFR cuts its search off on a busy machine (a leak's field had 7
     *         samples and the unknown 17 once), so a named holder leads
     */
    public static List<AllocationSummary.Entry> byHolder(Profile profile) {
        return holders(profile.liveObjects(), r -> true);
    }

    /** Holders of the live objects allocated at one stack node, most sampled first. */
    public static List<AllocationSummary.Entry> holdersOf(Profile profile, int node) {
        LiveObjects live = profile.liveObjects();
        return holders(live, r -> live.node(r) == node);
    }

    private static List<AllocationSummary.Entry> holders(LiveObjects live, IntPredicate rows) {
        // shifted by one so the unknown root gets slot 0
        List<AllocationSummary.Entry> entries = new ArrayList<>();
        AllocationSummary.Entry unknown = null;
        for (AllocationSummary.Entry e : group(live, live.roots().size() + 1, r -> rows.test(r) ? live.root(r) + 1 : -1)) {
            AllocationSummary.Entry holder = new AllocationSummary.Entry(e.key() - 1, e.bytes(), e.samples());
            if (holder.key() == LiveObjects.UNKNOWN_ROOT) unknown = holder;
            else entries.add(holder);
        }
        if (unknown != null) entries.add(unknown);
        return entries;
    }

    private static List<AllocationSummary.Entry> group(LiveObjects live, int keys, IntUnaryOperator keyOf) {
        long[] bytes = new long[keys], samples = new long[keys];
        for (int r = 0; r < live.size(); r++) {
            int key = keyOf.applyAsInt(r);
            if (key < 0) continue;
            bytes[key] += live.bytes(r);
            samples[key] += live.samples(r);
        }
        List<AllocationSummary.Entry> entries = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            if (samples[k] > 0) entries.add(new AllocationSummary.Entry(k, bytes[k], samples[k]));
        }
        entries.sort(Comparator.comparingLong(AllocationSummary.Entry::samples).reversed()
                .thenComparing(Comparator.comparingLong(AllocationSummary.Entry::bytes).reversed())
                .thenComparingInt(AllocationSummary.Entry::key));
        return entries;
    }
}
