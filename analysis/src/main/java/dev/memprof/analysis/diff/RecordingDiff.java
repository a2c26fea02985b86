package dev.memprof.analysis.diff;

import dev.memprof.analysis.AllocationSummary;
import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.live.LiveObjectSummary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What grew and what shrank from a base recording to a new one: allocations (bytes, normalised as asked) and, when
 * both recordings sampled live objects, live objects (always as shares of the sampled objects: JFR keeps at most a
 * fixed number of them, whatever the recording's length, so counts per second would mean nothing).
 *
 * @param live     null when a recording has no live-object samples; {@link #liveMissing} then says which
 */
public record RecordingDiff(Side base, Side next, Normalization normalization, DiffTree allocations, DiffTree live,
                            String liveMissing) {
    /** What one recording was: its file, length and totals. */
    public record Side(String file, String commandLine, long durationNanos, long allocatedBytes, long samples,
                       long liveSamples) {
        static Side of(Profile profile) {
            return new Side(profile.info().file(), profile.info().commandLine(), profile.info().durationNanos(),
                    profile.allocations().totalBytes(), profile.allocations().totalSamples(),
                    profile.liveObjects().totalSamples());
        }
    }

    /** A site's or library's normalised value in both recordings. */
    public record Change(String name, String library, double base, double next) {
        public double delta() { return next - base; }
    }

    /** Libraries of the JDK's modules, as the HTML report's colours tell them apart. */
    private static final Pattern JDK_MODULE = Pattern.compile("(java|jdk|javafx|sun|com\\.sun|oracle)(\\.[A-Za-z0-9_]+)+");

    public static RecordingDiff compare(Profile base, Profile next, Normalization normalization) {
        DiffTree allocations = new DiffTree();
        addAllocations(allocations, DiffTree.BASE, base, normalization);
        addAllocations(allocations, DiffTree.NEW, next, normalization);
        String liveMissing = liveMissing(base, "base") != null ? liveMissing(base, "base") : liveMissing(next, "new");
        DiffTree live = null;
        if (liveMissing == null) {
            live = new DiffTree();
            addLive(live, DiffTree.BASE, base);
            addLive(live, DiffTree.NEW, next);
        }
        return new RecordingDiff(Side.of(base), Side.of(next), normalization, allocations, live, liveMissing);
    }

    private static String liveMissing(Profile profile, String which) {
        return profile.liveObjects().totalSamples() > 0 ? null
                : "the " + which + " recording (" + profile.info().file() + ") has no live-object samples";
    }

    private static void addAllocations(DiffTree tree, int side, Profile profile, Normalization normalization) {
        double factor = normalization.factor(profile.allocations().totalBytes(), profile.info().durationNanos());
        for (AllocationSummary.Entry site : AllocationSummary.bySite(profile)) add(tree, side, profile, site.key(), site.bytes() * factor);
    }

    private static void addLive(DiffTree tree, int side, Profile profile) {
        double factor = Normalization.SHARES.factor(profile.liveObjects().totalSamples(), 0);
        for (AllocationSummary.Entry site : LiveObjectSummary.bySite(profile)) add(tree, side, profile, site.key(), site.samples() * factor);
    }

    private static void add(DiffTree tree, int side, Profile profile, int node, double value) {
        List<String> names = new ArrayList<>(), libraries = new ArrayList<>();
        CallTree calls = profile.tree();
        for (int frame : calls.framesRootFirst(node)) {
            names.add(profile.frames().name(frame));
            libraries.add(profile.libraries().get(profile.frames().library(frame)));
        }
        tree.add(side, names, libraries, value);
    }

    /** Allocation sites (a stack's first frame from the allocation up that is not the JDK's), most changed first. */
    public static List<Change> sites(DiffTree tree) {
        return changes(tree, site -> tree.name(site));
    }

    /** Libraries of the sites, most changed first: whose code allocates more or less. */
    public static List<Change> libraries(DiffTree tree) {
        return changes(tree, site -> tree.library(site));
    }

    private static List<Change> changes(DiffTree tree, Function<Integer, String> keyOf) {
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, String> libraryOf = new LinkedHashMap<>();
        for (int n = 1; n < tree.size(); n++) {
            if (!tree.hasSelf(n)) continue;
            int site = siteOf(tree, n);
            String key = keyOf.apply(site);
            libraryOf.putIfAbsent(key, tree.library(site));
            double[] v = values.computeIfAbsent(key, k -> new double[2]);
            v[0] += tree.self(DiffTree.BASE, n);
            v[1] += tree.self(DiffTree.NEW, n);
        }
        List<Change> changes = new ArrayList<>();
        values.forEach((key, v) -> changes.add(new Change(key, libraryOf.get(key), v[0], v[1])));
        changes.sort(Comparator.comparingDouble((Change c) -> Math.abs(c.delta())).reversed().thenComparing(Change::name));
        return changes;
    }

    /** The first frame from {@code node} up that is not the JDK's; {@code node} itself when all are. */
    static int siteOf(DiffTree tree, int node) {
        for (int n = node; n != DiffTree.ROOT; n = tree.parent(n)) {
            if (!JDK_MODULE.matcher(tree.library(n)).matches()) return n;
        }
        return node;
    }
}
