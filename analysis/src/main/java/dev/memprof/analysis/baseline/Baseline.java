package dev.memprof.analysis.baseline;

import dev.memprof.analysis.startup.StartupReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A startup footprint to compare builds against: the JVM's and each library's, as plain numbers by metric name. Sorted
 * maps, so its JSON is the same for the same numbers and diffs well in code review.
 *
 * @param metrics   {@link #METRICS} -> value
 * @param libraries library -> (classes, allocated, retained) -> value
 * @param packages  package -> classes loaded at startup
 * @param importedBy library -> its import chain, to say who brings in a new library (not compared)
 * @param holders    from the heap snapshot at startup's end: {@code static field a.B.c} -> bytes it keeps alive, for those
 *                   keeping at least {@value #HOLDER_BYTES} bytes (what a user changes when retained heap grows)
 */
public record Baseline(TreeMap<String, Long> metrics, TreeMap<String, TreeMap<String, Long>> libraries,
                       TreeMap<String, Long> packages, TreeMap<String, String> importedBy, TreeMap<String, Long> holders) {
    static final long HOLDER_BYTES = 64 << 10;
    public static final List<String> METRICS = List.of("retained", "metaspace", "classes", "allocated");
    static final List<String> LIBRARY_METRICS = List.of("classes", "allocated", "retained");

    /** The footprint of one recording. */
    public static Baseline of(StartupReport startup) {
        TreeMap<String, Long> metrics = new TreeMap<>();
        StartupReport.Footprint t = startup.totals();
        put(metrics, "retained", t.retainedBytes());
        put(metrics, "metaspace", t.metaspaceBytes());
        put(metrics, "classes", t.classes());
        put(metrics, "allocated", t.allocatedBytes());
        TreeMap<String, TreeMap<String, Long>> libraries = new TreeMap<>();
        TreeMap<String, String> importedBy = new TreeMap<>();
        TreeMap<String, Long> packages = new TreeMap<>();
        for (StartupReport.LibraryFootprint lib : startup.libraries()) {
            lib.packages().forEach((pkg, classes) -> packages.merge(pkg.isEmpty() ? "(default package)" : pkg, (long) classes, Long::sum));
            TreeMap<String, Long> m = new TreeMap<>();
            m.put("classes", lib.footprint().classes());
            m.put("allocated", lib.footprint().allocatedBytes());
            m.put("retained", lib.footprint().retainedBytes());
            libraries.put(lib.library(), m);
            String where = lib.retainedAt() != null ? "retained at " + lib.retainedAt() : "";
            String chain = lib.loadedBy().isEmpty() ? "" : "loaded by " + String.join(" > ", lib.loadedBy());
            importedBy.put(lib.library(), (chain + (chain.isEmpty() || where.isEmpty() ? "" : "; ") + where));
        }
        TreeMap<String, Long> holders = new TreeMap<>();
        for (StartupReport.Held held : startup.staticFields()) if (held.bytes() >= HOLDER_BYTES) holders.put(held.holder(), held.bytes());
        return new Baseline(metrics, libraries, packages, importedBy, holders);
    }

    private static void put(Map<String, Long> metrics, String name, long value) {
        if (value >= 0) metrics.put(name, value);
    }

    /** The median of each number over runs (a library missing from a run counts as 0 there). */
    public static Baseline median(List<Baseline> runs) {
        TreeMap<String, Long> metrics = new TreeMap<>();
        for (String metric : METRICS) {
            List<Long> values = new ArrayList<>();
            for (Baseline run : runs) if (run.metrics.containsKey(metric)) values.add(run.metrics.get(metric));
            if (!values.isEmpty()) metrics.put(metric, middle(values));
        }
        TreeMap<String, TreeMap<String, Long>> libraries = new TreeMap<>();
        TreeMap<String, String> importedBy = new TreeMap<>();
        for (Baseline run : runs) run.libraries.keySet().forEach(lib -> libraries.putIfAbsent(lib, new TreeMap<>()));
        for (Baseline run : runs) run.importedBy.forEach(importedBy::putIfAbsent);
        TreeMap<String, Long> packages = new TreeMap<>();
        for (Baseline run : runs) run.packages.keySet().forEach(pkg -> packages.putIfAbsent(pkg, 0L));
        packages.replaceAll((pkg, zero) -> middle(runs.stream().map(r -> r.packages.getOrDefault(pkg, 0L)).toList()));
        libraries.forEach((lib, m) -> {
            for (String metric : LIBRARY_METRICS) {
                List<Long> values = new ArrayList<>();
                for (Baseline run : runs) values.add(run.libraries.getOrDefault(lib, new TreeMap<>()).getOrDefault(metric, 0L));
                m.put(metric, middle(values));
            }
        });
        TreeMap<String, Long> holders = new TreeMap<>();
        for (Baseline run : runs) run.holders.keySet().forEach(h -> holders.putIfAbsent(h, 0L));
        holders.replaceAll((h, zero) -> middle(runs.stream().map(r -> r.holders.getOrDefault(h, 0L)).toList()));
        holders.values().removeIf(bytes -> bytes < HOLDER_BYTES);
        return new Baseline(metrics, libraries, packages, importedBy, holders);
    }

    private static long middle(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
