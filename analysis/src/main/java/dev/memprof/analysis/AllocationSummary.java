package dev.memprof.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Totals of a profile's allocations by site (full stack) and by allocated class, largest first. */
public final class AllocationSummary {
    /** @param key a stack node id (for sites) or a class id (for classes) */
    public record Entry(int key, long bytes, long samples) {}

    private AllocationSummary() {}

    public static List<Entry> bySite(Profile profile) {
        return group(profile, profile.tree().size(), true);
    }

    public static List<Entry> byClass(Profile profile) {
        return group(profile, profile.classes().size(), false);
    }

    private static List<Entry> group(Profile profile, int keys, boolean bySite) {
        AllocationTable rows = profile.allocations();
        long[] bytes = new long[keys], samples = new long[keys];
        for (int r = 0; r < rows.size(); r++) {
            int key = bySite ? rows.node(r) : rows.objectClass(r);
            bytes[key] += rows.bytes(r);
            samples[key] += rows.samples(r);
        }
        List<Entry> entries = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            if (samples[k] > 0) entries.add(new Entry(k, bytes[k], samples[k]));
        }
        entries.sort(Comparator.comparingLong(Entry::bytes).reversed().thenComparingInt(Entry::key));
        return entries;
    }

    /** Bytes sampled per time bucket: the allocation rate over time. */
    public static long[] bytesByBucket(Profile profile) {
        AllocationTable rows = profile.allocations();
        long[] bytes = new long[profile.timeline().buckets()];
        for (int r = 0; r < rows.size(); r++) bytes[rows.bucket(r)] += rows.bytes(r);
        return bytes;
    }
}
