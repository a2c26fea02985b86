package dev.memprof.analysis.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A startup footprint against a baseline: per metric, the change and whether it is within tolerance; and, per library,
 * what grew and what is new. Tolerances are a share of the baseline with an absolute floor, so tiny apps are not flaky.
 */
public final class BaselineComparison {
    /** @param percent allowed increase in percent of the baseline; @param floor allowed increase at least this much */
    public record Tolerance(double percent, long floor) {
        long allowed(long baseline) {
            return Math.max(floor, Math.round(baseline * percent / 100));
        }
    }

    /**
     * From measured noise on 2-core machines (Spring PetClinic, 5 runs): metaspace varied by 0.6%, classes by 2 in
     * 18,245; allocation during startup is noisier than retained heap. Heap after the full GC at startup's end varied by
     * 1.5% over 5 unchanged runs of a Spring Boot web app (issue 15), so 3% catches a growth of 5% with no false alarm.
     */
    public static final Map<String, Tolerance> DEFAULTS = Map.of(
            "retained", new Tolerance(3, 1L << 20),
            "metaspace", new Tolerance(2, 256L << 10),
            "classes", new Tolerance(1, 10),
            "allocated", new Tolerance(10, 4L << 20));

    public enum Status { OK, REGRESSED, IMPROVED }

    public record Row(String metric, long baseline, long now, long allowed, Status status) {
        public double changePercent() {
            return baseline == 0 ? 0 : 100.0 * (now - baseline) / baseline;
        }
    }

    /** A library whose startup footprint grew, or that is new at startup ({@code isNew}). */
    public record Growth(String library, boolean isNew, long classes, long allocatedBytes, long retainedBytes, String evidence) {}

    /** A package with more (or fewer) classes at startup than in the baseline. */
    public record PackageGrowth(String name, long baselineClasses, long classes) {}

    /** A static field that keeps more alive at startup's end than in the baseline (from the heap snapshots). */
    public record HolderGrowth(String holder, long baselineBytes, long bytes) {}

    /**
     * What grew is only what explains a regression: library and holder growth when retained heap (or allocation, or
     * classes) regressed, with growth under the noise floors left out.
     */
    public record Result(List<Row> rows, List<Growth> grew, List<PackageGrowth> packages, List<HolderGrowth> holders) {
        public boolean regressed() {
            return rows.stream().anyMatch(r -> r.status() == Status.REGRESSED);
        }

        public boolean improved() {
            return rows.stream().anyMatch(r -> r.status() == Status.IMPROVED);
        }
    }

    private static final long LIBRARY_CLASSES = 5, LIBRARY_BYTES = 512L << 10;
    /** A holder's growth under this, or under a tenth of the retained regression, explains nothing. */
    private static final long HOLDER_BYTES = 256L << 10;

    private BaselineComparison() {}

    public static Result compare(Baseline baseline, Baseline now, Map<String, Tolerance> tolerances) {
        List<Row> rows = new ArrayList<>();
        for (String metric : Baseline.METRICS) {
            Long base = baseline.metrics().get(metric), current = now.metrics().get(metric);
            if (base == null || current == null) continue;
            long allowed = tolerances.getOrDefault(metric, DEFAULTS.get(metric)).allowed(base);
            Status status = current > base + allowed ? Status.REGRESSED : current < base - allowed ? Status.IMPROVED : Status.OK;
            rows.add(new Row(metric, base, current, allowed, status));
        }
        boolean retainedGrew = regressed(rows, "retained"), classesGrew = regressed(rows, "classes") || regressed(rows, "metaspace"),
                allocatedGrew = regressed(rows, "allocated");
        List<Growth> grew = new ArrayList<>();
        for (Map.Entry<String, TreeMap<String, Long>> lib : now.libraries().entrySet()) {
            TreeMap<String, Long> before = baseline.libraries().get(lib.getKey());
            TreeMap<String, Long> after = lib.getValue();
            long classes = classesGrew ? delta(after, before, "classes") : 0, allocated = allocatedGrew ? delta(after, before, "allocated") : 0,
                    retained = retainedGrew ? delta(after, before, "retained") : 0;
            boolean isNew = classesGrew && (before == null || before.getOrDefault("classes", 0L) == 0) && after.getOrDefault("classes", 0L) > 0;
            if (isNew || classes >= LIBRARY_CLASSES || allocated >= 4 * LIBRARY_BYTES || retained >= LIBRARY_BYTES) {
                grew.add(new Growth(lib.getKey(), isNew, classes, allocated, retained, now.importedBy().getOrDefault(lib.getKey(), "")));
            }
        }
        grew.sort(Comparator.comparingDouble(BaselineComparison::weight).reversed().thenComparing(Growth::library));
        List<PackageGrowth> packages = new ArrayList<>();
        if (classesGrew) {
            now.packages().forEach((pkg, classes) -> {
                long before = baseline.packages().getOrDefault(pkg, 0L);
                if (classes - before >= LIBRARY_CLASSES) packages.add(new PackageGrowth(pkg, before, classes));
            });
        }
        packages.sort(Comparator.comparingLong((PackageGrowth p) -> p.classes() - p.baselineClasses()).reversed()
                .thenComparing(PackageGrowth::name));
        return new Result(List.copyOf(rows), List.copyOf(grew), List.copyOf(packages), retainedGrew ? holders(baseline, now, rows) : List.of());
    }

    private static boolean regressed(List<Row> rows, String metric) {
        return rows.stream().anyMatch(r -> r.metric().equals(metric) && r.status() == Status.REGRESSED);
    }

    /** Static fields that keep more alive than in the baseline, by at least a tenth of the retained growth, most first. */
    private static List<HolderGrowth> holders(Baseline baseline, Baseline now, List<Row> rows) {
        long growth = rows.stream().filter(r -> r.metric().equals("retained")).mapToLong(r -> r.now() - r.baseline()).sum();
        long floor = Math.max(HOLDER_BYTES, growth / 10);
        List<HolderGrowth> grew = new ArrayList<>();
        now.holders().forEach((holder, bytes) -> {
            long before = baseline.holders().getOrDefault(holder, 0L);
            if (bytes - before >= floor) grew.add(new HolderGrowth(holder, before, bytes));
        });
        grew.sort(Comparator.comparingLong((HolderGrowth h) -> h.bytes() - h.baselineBytes()).reversed().thenComparing(HolderGrowth::holder));
        return List.copyOf(grew);
    }

    private static long delta(Map<String, Long> after, Map<String, Long> before, String metric) {
        return after.getOrDefault(metric, 0L) - (before == null ? 0 : before.getOrDefault(metric, 0L));
    }

    /** Growth in units of each metric's floor, so classes and bytes rank together. */
    private static double weight(Growth g) {
        return Math.max((double) g.retainedBytes() / LIBRARY_BYTES, Math.max((double) g.allocatedBytes() / (4 * LIBRARY_BYTES),
                (double) g.classes() / LIBRARY_CLASSES)) + (g.isNew() ? 1 : 0);
    }

    /** {@code retained=5%,classes=1%}: overrides of {@link #DEFAULTS}' percentages. */
    public static Map<String, Tolerance> parse(String spec) {
        Map<String, Tolerance> tolerances = new LinkedHashMap<>(DEFAULTS);
        if (spec == null || spec.isBlank()) return tolerances;
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length != 2 || !DEFAULTS.containsKey(kv[0].strip()) || !kv[1].strip().matches("\\d+(\\.\\d+)?%")) {
                throw new IllegalArgumentException("--max-increase: expected metric=N% with metric one of "
                        + String.join(", ", Baseline.METRICS) + "; got '" + part.strip() + "'");
            }
            String metric = kv[0].strip(), value = kv[1].strip();
            tolerances.put(metric, new Tolerance(Double.parseDouble(value.substring(0, value.length() - 1)), DEFAULTS.get(metric).floor()));
        }
        return tolerances;
    }
}
