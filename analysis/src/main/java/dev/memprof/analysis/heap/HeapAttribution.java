package dev.memprof.analysis.heap;

import dev.memprof.analysis.heap.HeapSnapshot.ClassRow;
import dev.memprof.analysis.heap.HeapSnapshot.HolderRow;
import dev.memprof.analysis.heap.HeapSnapshot.StaticFieldRow;
import dev.memprof.analysis.heap.HeapSnapshot.Totals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a graph and its dominator tree into a {@link HeapSnapshot}: retained sizes, each object's owner, the regions
 * where ownership changes hands (holder rows) and the static fields a class dominates. Works in the tree's preorder
 * numbers, where a dominator always comes before what it dominates.
 */
final class HeapAttribution {
    private final HeapGraph graph;
    private final DominatorTree tree;
    private final HeapDumpAnalysis.Options options;
    private final long[] retained;
    /** number -> owning class index, -1 for nobody. */
    private final int[] owner;
    private final long[] instances, shallow, owned, statics;

    HeapAttribution(HeapGraph graph, DominatorTree tree, HeapDumpAnalysis.Options options) {
        this.graph = graph;
        this.tree = tree;
        this.options = options;
        int classes = graph.classes.count;
        instances = new long[classes];
        shallow = new long[classes];
        owned = new long[classes];
        statics = new long[classes];
        retained = new long[tree.count + 1];
        for (int i = tree.count; i >= 2; i--) {
            retained[i] += graph.shallowSize(tree.vertex[i]);
            retained[tree.idom[i]] += retained[i];
        }
        owner = new int[tree.count + 1];
        owner[1] = -1;
        for (int i = 2; i <= tree.count; i++) {
            int node = tree.vertex[i];
            owner[i] = graph.applicationSide(node) ? graph.classIndex(node) : owner[tree.idom[i]];
            long size = graph.shallowSize(node);
            int c = graph.isClassObject(node) ? -1 : graph.classIndex(node);
            if (c >= 0) {
                instances[c]++;
                shallow[c] += size;
            }
            if (owner[i] >= 0) owned[owner[i]] += size;
        }
    }

    HeapSnapshot snapshot() {
        List<StaticFieldRow> staticRows = staticFields();
        List<HolderRow> holders = holders();
        return new HeapSnapshot(totals(), classRows(), staticRows, holders);
    }

    private Totals totals() {
        long all = 0, application = 0;
        for (int node = 1; node < graph.nodes; node++) all += graph.shallowSize(node);
        for (long bytes : owned) application += bytes;
        Map<GcRootKind, Long> roots = new EnumMap<>(GcRootKind.class);
        for (GcRootKind kind : GcRootKind.values()) {
            if (graph.rootCounts[kind.ordinal()] > 0) roots.put(kind, graph.rootCounts[kind.ordinal()]);
        }
        return new Totals(graph.nodes - 1, all, tree.count - 1, retained[1], application, retained[1] - application,
                roots, graph.layout);
    }

    private List<ClassRow> classRows() {
        List<ClassRow> rows = new ArrayList<>();
        for (int c = 0; c < graph.classes.count; c++) {
            if (Math.max(owned[c], shallow[c]) >= options.minClassBytes()) {
                rows.add(new ClassRow(graph.classes.names[c], graph.classes.jdk[c], instances[c], shallow[c], owned[c],
                        statics[c]));
            }
        }
        rows.sort(Comparator.comparingLong(ClassRow::ownedBytes).reversed()
                .thenComparing(Comparator.comparingLong(ClassRow::shallowBytes).reversed())
                .thenComparing(ClassRow::name));
        return rows.subList(0, Math.min(rows.size(), options.maxClasses()));
    }

    /** Static fields whose value the declaring class dominates; also sums each class's static bytes. */
    private List<StaticFieldRow> staticFields() {
        List<StaticFieldRow> rows = new ArrayList<>();
        for (int c = 0; c < graph.classes.dumps.size(); c++) {
            int node = graph.classNode[c], k = tree.number[node];
            if (k == 0) continue;
            Set<Integer> counted = new HashSet<>();
            for (int e = graph.edgeStart[node]; e < graph.edgeStart[node + 1]; e++) {
                int value = graph.edges[e], m = tree.number[value];
                if (graph.slots[e] < 0 || tree.idom[m] != k) continue;
                String field = graph.classes.staticFieldName(c, graph.slots[e], graph.strings);
                if (field.startsWith("<") || !counted.add(m)) continue; // HotSpot's pseudo statics are not state
                statics[c] += retained[m];
                if (retained[m] >= options.minStaticFieldBytes()) {
                    rows.add(new StaticFieldRow(graph.classes.names[c], field, retained[m],
                            graph.classes.names[graph.classIndex(value)]));
                }
            }
        }
        rows.sort(Comparator.comparingLong(StaticFieldRow::retainedBytes).reversed()
                .thenComparing(StaticFieldRow::name));
        return rows.subList(0, Math.min(rows.size(), options.maxStaticFields()));
    }

    /**
     * One row per (owned class, holder, holder's owner): the application-side instances whose immediate dominator has
     * another owner, with the bytes their owner keeps below them up to the next such instance.
     */
    private List<HolderRow> holders() {
        int[] region = new int[tree.count + 1];
        int[] regionTop = new int[16];
        long[] regionBytes = new long[16];
        int regions = 0;
        region[1] = -1;
        for (int i = 2; i <= tree.count; i++) {
            int node = tree.vertex[i], d = tree.idom[i];
            if (owner[i] >= 0 && owner[i] != owner[d] && !graph.isClassObject(node)) {
                if (regions == regionTop.length) {
                    regionTop = Arrays.copyOf(regionTop, regions * 2);
                    regionBytes = Arrays.copyOf(regionBytes, regions * 2);
                }
                regionTop[regions] = i;
                region[i] = regions++;
            } else {
                region[i] = owner[i] == owner[d] ? region[d] : -1;
            }
            if (region[i] >= 0) regionBytes[region[i]] += graph.shallowSize(node);
        }
        HolderNames names = new HolderNames(graph);
        Map<List<Object>, long[]> sums = new HashMap<>();
        for (int r = 0; r < regions; r++) {
            int i = regionTop[r], d = tree.idom[i];
            String holderClass = owner[d] < 0 ? null : graph.classes.names[owner[d]];
            List<Object> key = Arrays.asList(graph.classes.names[owner[i]],
                    names.describe(tree.vertex[d], tree.vertex[i]), holderClass);
            long[] sum = sums.computeIfAbsent(key, k -> new long[3]);
            sum[0]++;
            sum[1] += regionBytes[r];
            sum[2] += retained[i];
        }
        List<HolderRow> rows = new ArrayList<>();
        sums.forEach((key, sum) -> {
            if (sum[1] >= options.minHolderBytes()) {
                rows.add(new HolderRow((String) key.get(0), (String) key.get(1), (String) key.get(2), sum[0], sum[1],
                        sum[2]));
            }
        });
        rows.sort(Comparator.comparingLong(HolderRow::ownedBytes).reversed()
                .thenComparing(HolderRow::ownedClass).thenComparing(HolderRow::holder)
                .thenComparing(row -> Objects.toString(row.holderClass(), "")));
        return rows.subList(0, Math.min(rows.size(), options.maxHolders()));
    }
}
