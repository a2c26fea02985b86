package dev.memprof.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges startup evidence once the recording is read: where startup ended, what each library cost by then, and
 * how often its code ran afterwards. A library is "on" a sample when any frame of the sample's stack is its code,
 * not only the top one, so a library counts as used when it calls into others.
 */
final class DeferrableLibraries {
    /** A library in at least this share of the time windows after startup is in use, not a candidate. */
    static final double USED_FROM = 0.5, USED_SHARE = 0.05, MIN_SCORE = 0.05;
    private static final long WINDOW_SAMPLES = 20;
    private static final long SETTLE_WINDOW_NANOS = 1_000_000_000L;
    private static final int CHAIN_FRAMES = 8;

    private final StartupEvidence evidence;
    private final RecordingInfo info;
    private final StringTable classes, libraryNames, modules;
    private final FrameTable frames;
    private final CallTree allocationTree;
    private final Libraries libraries;

    DeferrableLibraries(StartupEvidence evidence, RecordingInfo info, StringTable classes, StringTable modules,
                        StringTable libraryNames, FrameTable frames, CallTree allocationTree, Libraries libraries) {
        this.evidence = evidence;
        this.info = info;
        this.classes = classes;
        this.modules = modules;
        this.libraryNames = libraryNames;
        this.frames = frames;
        this.allocationTree = allocationTree;
        this.libraries = libraries;
    }

    StartupReport judge() {
        List<String> notes = new ArrayList<>();
        String mode, rule;
        long end;
        boolean fromStart = evidence.fromJvmStart(info.startEpochNanos());
        if (evidence.markedReadyNanos >= 0) {
            mode = "launch";
            end = evidence.markedReadyNanos;
            rule = evidence.markedDescription;
        } else if (fromStart && evidence.classCount > 0) {
            mode = "launch";
            end = settled();
            rule = "detected: class loading settled (under 1% more classes in the next second)";
        } else if (evidence.inventoryCount > 0 || evidence.classCount > 0) {
            mode = "attach";
            end = info.startEpochNanos();
            rule = "attached to a running JVM: startup is everything loaded before the recording began";
            notes.add("attached to a running JVM: what it loaded before comes from memprof's inventory, so load order, load time,"
                    + " import chains, and startup allocations and retained heap cannot be known; use `memprof run` to see them");
        } else {
            return new StartupReport("none", "no class loading in this recording", 0, 0,
                    List.of("no class loading events in this recording: record with memprof run or attach"), List.of(),
                    new StartupReport.Footprint(-1, -1, -1, -1), List.of());
        }
        if (!info.codeSources()) notes.add("no code sources (recorded without memprof's agent): libraries are JDK modules and packages only");
        int endCell = mode.equals("attach") ? -1 : evidence.cell(end);

        int libraryCount = libraryNames.size();
        int[] classLibrary = new int[evidence.classCount];
        for (int row = 0; row < evidence.classCount; row++) {
            classLibrary[row] = libraryNames.intern(libraries.libraryOf(classes.get(evidence.className[row]),
                    evidence.module[row] < 0 ? null : modules.get(evidence.module[row])));
        }
        int[] inventoryLibrary = new int[evidence.inventoryCount];
        for (int i = 0; i < evidence.inventoryCount; i++) {
            inventoryLibrary[i] = libraryNames.intern(libraries.libraryOf(classes.get(evidence.inventoryClass[i]), null));
        }
        libraryCount = libraryNames.size();

        int[] startupClasses = new int[libraryCount], laterClasses = new int[libraryCount], firstLoad = new int[libraryCount];
        long[] classWeight = new long[libraryCount], loadNanos = new long[libraryCount];
        Arrays.fill(firstLoad, -1);
        long[] selfNanos = selfTimes();
        long knownSizes = 0, sized = 0;
        for (int row = 0; row < evidence.classCount; row++) {
            int size = evidence.classFileSize(evidence.className[row]);
            if (size > 0) { knownSizes += size; sized++; }
        }
        long averageSize = sized == 0 ? 1 : Math.max(1, knownSizes / sized);
        Map<Integer, Map<String, Integer>> packages = new HashMap<>();
        for (int row = 0; row < evidence.classCount; row++) {
            int lib = classLibrary[row];
            if (loadedByProfiler(row)) continue;
            if (evidence.loadTime[row] > end) {
                laterClasses[lib]++;
                continue;
            }
            startupClasses[lib]++;
            int size = evidence.classFileSize(evidence.className[row]);
            classWeight[lib] += size > 0 ? size : averageSize;
            loadNanos[lib] += selfNanos[row];
            packages.computeIfAbsent(lib, k -> new HashMap<>()).merge(Libraries.packageOf(classes.get(evidence.className[row])), 1, Integer::sum);
            if (firstLoad[lib] < 0 || (chain(evidence.loadStack[firstLoad[lib]], lib).isEmpty()
                    && !chain(evidence.loadStack[row], lib).isEmpty())) {
                firstLoad[lib] = row;
            }
        }
        for (int i = 0; i < evidence.inventoryCount; i++) {
            int lib = inventoryLibrary[i];
            startupClasses[lib]++;
            classWeight[lib] += averageSize;
            packages.computeIfAbsent(lib, k -> new HashMap<>()).merge(Libraries.packageOf(classes.get(evidence.inventoryClass[i])), 1, Integer::sum);
        }

        // memory at startup end, shared out
        int readingCell = endCell < 0 ? 0 : evidence.fineCell(end); // readings stay on the finest grid
        long metaspace = Math.max(0, StartupEvidence.readingNear(evidence.metaspaceUsed, readingCell));
        long heapRetained = Math.max(0, StartupEvidence.readingNear(evidence.heapAfterGc, readingCell));
        long totalWeight = Arrays.stream(classWeight).sum();

        LibrarySets allocationLibs = new LibrarySets(allocationTree), evidenceLibs = new LibrarySets(evidence.stacks);
        long[] startupBytes = new long[libraryCount], usedSamples = new long[libraryCount], oldAtStartup = new long[libraryCount];
        long oldObjectsAtStartup = 0;
        StartupEvidence.Cells alloc = evidence.allocations, exec = evidence.executions, old = evidence.oldObjects;
        boolean[] profilerAlloc = profilerNodes(allocationLibs, allocationTree.size()), profilerEvidence = profilerNodes(evidenceLibs, evidence.stacks.size());
        long samplesAfter = 0;
        for (int r = 0; r < alloc.size; r++) if (alloc.cell[r] > endCell && !profilerAlloc[alloc.node[r]]) samplesAfter += alloc.samples[r];
        for (int r = 0; r < exec.size; r++) if (exec.cell[r] > endCell && !profilerEvidence[exec.node[r]]) samplesAfter += exec.samples[r];
        // Use is judged in time windows after startup that hold about WINDOW_SAMPLES samples on average: a library used
        // all the time is in nearly all. Windows with few samples (quiet times, bursts elsewhere) tell little: skipped.
        int cellsAfter = evidence.cells() - 1 - endCell;
        int window = (int) Math.max(1, Math.min(cellsAfter, samplesAfter == 0 ? 1 : WINDOW_SAMPLES * cellsAfter / samplesAfter));
        int windows = cellsAfter / window + 1;
        long[] windowSamples = new long[windows];
        java.util.BitSet[] usedWindows = new java.util.BitSet[libraryCount];
        for (int r = 0; r < alloc.size; r++) {
            boolean after = alloc.cell[r] > endCell;
            if (after && profilerAlloc[alloc.node[r]]) continue; // the recording's own work, not the app's
            if (after) windowSamples[(alloc.cell[r] - endCell - 1) / window] += alloc.samples[r];
            for (int lib : allocationLibs.of(alloc.node[r])) {
                if (after) use(usedSamples, usedWindows, lib, alloc.samples[r], (alloc.cell[r] - endCell - 1) / window);
                else startupBytes[lib] += alloc.bytes[r];
            }
        }
        for (int r = 0; r < exec.size; r++) {
            if (exec.cell[r] <= endCell || profilerEvidence[exec.node[r]]) continue;
            windowSamples[(exec.cell[r] - endCell - 1) / window] += exec.samples[r];
            for (int lib : evidenceLibs.of(exec.node[r])) use(usedSamples, usedWindows, lib, exec.samples[r], (exec.cell[r] - endCell - 1) / window);
        }
        java.util.BitSet telling = new java.util.BitSet(windows), any = new java.util.BitSet(windows);
        for (int w = 0; w < windows; w++) {
            if (windowSamples[w] >= WINDOW_SAMPLES / 2) telling.set(w);
            if (windowSamples[w] > 0) any.set(w);
        }
        if (telling.isEmpty()) telling = any;
        for (int r = 0; r < old.size; r++) {
            if (old.cell[r] > endCell) continue;
            oldObjectsAtStartup += old.samples[r];
            for (int lib : evidenceLibs.of(old.node[r])) oldAtStartup[lib] += old.samples[r];
        }
        int sampledWindows = telling.cardinality();
        if (samplesAfter == 0) notes.add("no samples after startup: how much each library is used afterwards is unknown (record longer)");
        if (!mode.equals("attach") && oldObjectsAtStartup == 0) notes.add("no old-object samples from startup: retained heap per library is unknown");
        double[] use = new double[libraryCount];
        for (int lib = 0; lib < libraryCount; lib++) {
            if (sampledWindows == 0 || usedWindows[lib] == null) continue;
            java.util.BitSet used = (java.util.BitSet) usedWindows[lib].clone();
            used.and(telling);
            use[lib] = (double) used.cardinality() / sampledWindows;
        }

        String app = applicationLibrary();
        List<DeferrableLibrary> ranked = new ArrayList<>();
        for (int lib = 0; lib < libraryCount; lib++) {
            String name = libraryNames.get(lib);
            if (startupClasses[lib] == 0 || name.equals(app) || name.equals("java.base") || name.equals(Libraries.UNKNOWN)
                    || isProfiler(name) || name.startsWith("jdk.proxy")) continue;
            long metaspaceBytes = totalWeight == 0 ? 0 : Math.round((double) metaspace * classWeight[lib] / totalWeight);
            long retained = oldObjectsAtStartup == 0 ? 0 : Math.round((double) heapRetained * oldAtStartup[lib] / oldObjectsAtStartup);
            if (inUse(use, usedSamples, samplesAfter, lib)) continue;
            List<String> loadedBy = firstLoad[lib] < 0 ? List.of() : chain(evidence.loadStack[firstLoad[lib]], lib);
            int importer = importer(firstLoad[lib], lib);
            // loaded by another library that is in use: it cannot be deferred on its own
            if (importer >= 0 && importer < libraryCount && inUse(use, usedSamples, samplesAfter, importer)
                    && !libraryNames.get(importer).equals(app)) continue;
            double costMiB = (retained + metaspaceBytes + startupBytes[lib]) / (1024.0 * 1024.0);
            double score = Math.round(costMiB * (1 - use[lib]) * 100) / 100.0;
            if (score < MIN_SCORE) continue; // under 50 KiB of unused startup cost: not worth a change
            String advice = usedSamples[lib] == 0 && laterClasses[lib] == 0
                    ? "not seen after startup: load it lazily where it is first needed, or drop the dependency"
                    : "rarely used after startup: defer the initialisation that loads it to its first use";
            ranked.add(new DeferrableLibrary(name, score, startupClasses[lib], startupBytes[lib], retained, metaspaceBytes,
                    loadNanos[lib], usedSamples[lib], use[lib], laterClasses[lib], loadedBy, topPackages(packages.get(lib)), advice));
        }
        ranked.sort(Comparator.comparingDouble(DeferrableLibrary::score).reversed().thenComparing(DeferrableLibrary::library));

        List<StartupReport.LibraryFootprint> footprints = new ArrayList<>();
        long classesTotal = 0, allocatedTotal = 0;
        for (int r = 0; r < alloc.size; r++) if (alloc.cell[r] <= endCell) allocatedTotal += alloc.bytes[r];
        String[] retainedAt = retainingFrames(libraryCount, endCell, evidenceLibs);
        for (int lib = 0; lib < libraryCount; lib++) {
            classesTotal += startupClasses[lib];
            String name = libraryNames.get(lib);
            if (startupClasses[lib] == 0 || isProfiler(name) || name.equals(Libraries.UNKNOWN)) continue;
            long metaspaceBytes = totalWeight == 0 ? 0 : Math.round((double) metaspace * classWeight[lib] / totalWeight);
            long retained = oldObjectsAtStartup == 0 ? 0 : Math.round((double) heapRetained * oldAtStartup[lib] / oldObjectsAtStartup);
            footprints.add(new StartupReport.LibraryFootprint(name,
                    new StartupReport.Footprint(retained, startupBytes[lib], metaspaceBytes, startupClasses[lib]),
                    firstLoad[lib] < 0 ? List.of() : chain(evidence.loadStack[firstLoad[lib]], lib), retainedAt[lib],
                    new java.util.TreeMap<>(packages.getOrDefault(lib, Map.of()))));
        }
        footprints.sort(Comparator.comparing(StartupReport.LibraryFootprint::library));
        StartupReport.Footprint totals = new StartupReport.Footprint(
                evidence.lowestReadingAfter(evidence.heapAfterGc, readingCell, 5_000_000_000L), mode.equals("attach") ? -1 : allocatedTotal,
                StartupEvidence.readingNear(evidence.metaspaceUsed, readingCell), classesTotal);
        return new StartupReport(mode, rule, Math.max(0, end - info.startEpochNanos()), samplesAfter, List.copyOf(notes),
                List.copyOf(ranked), totals, List.copyOf(footprints));
    }

    /**
     * In use: seen in half the time windows after startup, or on at least 5% of all samples after it (samples can
     * bunch in time, leaving windows without any; a library on that many samples is used whatever the windows say).
     */
    private static boolean inUse(double[] use, long[] usedSamples, long samplesAfter, int lib) {
        return use[lib] >= USED_FROM || (samplesAfter > 0 && usedSamples[lib] >= USED_SHARE * samplesAfter);
    }

    private static void use(long[] samples, java.util.BitSet[] windows, int lib, long count, int window) {
        samples[lib] += count;
        if (windows[lib] == null) windows[lib] = new java.util.BitSet();
        windows[lib].set(window);
    }

    /** The library whose code loaded the first class of {@code library} (JDK frames skipped), or -1. */
    private int importer(int row, int library) {
        if (row < 0) return -1;
        int importer = -1;
        for (int frame : evidence.stacks.framesRootFirst(evidence.loadStack[row])) {
            int lib = frames.library(frame);
            if (lib == library) break;
            if (!isJdk(libraryNames.get(lib))) importer = lib;
        }
        return importer;
    }

    /** Startup ends at the last class load that is followed by a quiet second (under 1% more classes). */
    private long settled() {
        long[] times = Arrays.copyOf(evidence.loadTime, evidence.classCount);
        Arrays.sort(times);
        for (int i = 0, j = 0; i < times.length; i++) {
            while (j < times.length && times[j] <= times[i] + SETTLE_WINDOW_NANOS) j++;
            if (j - i - 1 < Math.max(3, (i + 1) / 100)) return times[i];
        }
        return times[times.length - 1];
    }

    /** Each load's own time: its duration minus the loads nested in it on the same thread. */
    private long[] selfTimes() {
        int n = evidence.classCount;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> evidence.loadThread[i])
                .thenComparingLong(i -> evidence.loadTime[i])
                .thenComparing(Comparator.<Integer>comparingLong(i -> evidence.loadDuration[i]).reversed()));
        long[] self = new long[n];
        int[] open = new int[n];
        int depth = 0;
        for (int k = 0; k < n; k++) {
            int row = order[k];
            self[row] = evidence.loadDuration[row];
            while (depth > 0) {
                int outer = open[depth - 1];
                boolean inside = evidence.loadThread[outer] == evidence.loadThread[row]
                        && evidence.loadTime[row] + evidence.loadDuration[row] <= evidence.loadTime[outer] + evidence.loadDuration[outer];
                if (inside) break;
                depth--;
            }
            if (depth > 0) self[open[depth - 1]] -= evidence.loadDuration[row];
            open[depth++] = row;
        }
        for (int i = 0; i < n; i++) self[i] = Math.max(0, self[i]);
        return self;
    }

    /**
     * The import chain of a load: its stack's frames outermost first, without JDK frames, up to the first frame of
     * the library itself; the last {@value #CHAIN_FRAMES}, the ones closest to the import.
     */
    private List<String> chain(int stackNode, int library) {
        List<String> chain = new ArrayList<>();
        for (int frame : evidence.stacks.framesRootFirst(stackNode)) {
            String libraryName = libraryNames.get(frames.library(frame));
            if (isJdk(libraryName) || frames.name(frame).equals(ProfileReader.NO_STACK)) continue;
            chain.add(frames.name(frame));
            if (frames.library(frame) == library) break;
        }
        return chain.size() <= CHAIN_FRAMES ? chain : List.copyOf(chain.subList(chain.size() - CHAIN_FRAMES, chain.size()));
    }

    /** Per library, its frame closest to the allocation on most old-object samples from startup, or null. */
    private String[] retainingFrames(int libraryCount, int endCell, LibrarySets evidenceLibs) {
        Map<Long, Long> counts = new HashMap<>(); // (library, frame) -> samples
        StartupEvidence.Cells old = evidence.oldObjects;
        for (int r = 0; r < old.size; r++) {
            if (old.cell[r] > endCell) continue;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int n = old.node[r]; n != CallTree.ROOT; n = evidence.stacks.parent(n)) {
                int frame = evidence.stacks.frame(n), lib = frames.library(frame);
                if (seen.add(lib)) counts.merge(((long) lib << 32) | frame, old.samples[r], Long::sum);
            }
        }
        String[] best = new String[libraryCount];
        long[] bestCount = new long[libraryCount];
        counts.forEach((key, count) -> {
            int lib = (int) (key >>> 32), frame = (int) (long) key;
            if (lib < libraryCount && count > bestCount[lib]) {
                bestCount[lib] = count;
                best[lib] = frames.name(frame);
            }
        });
        return best;
    }

    /** Nodes whose stack runs profiler code (JFR, memprof's agent). */
    private boolean[] profilerNodes(LibrarySets sets, int size) {
        boolean[] profiler = new boolean[size];
        for (int node = 0; node < size; node++) {
            for (int lib : sets.of(node)) if (isProfiler(libraryNames.get(lib))) profiler[node] = true;
        }
        return profiler;
    }

    /** Classes that JFR or memprof's agent loaded for themselves: the recording's cost, not the app's. */
    private boolean loadedByProfiler(int row) {
        for (int frame : evidence.stacks.framesRootFirst(evidence.loadStack[row])) {
            if (isProfiler(libraryNames.get(frames.library(frame)))) return true;
        }
        return false;
    }

    private static boolean isProfiler(String library) {
        // JFR itself needs java.management and jdk.management: in a recording they are loaded whatever the app does
        return library.startsWith("memprof-agent") || library.equals("jdk.jfr") || library.equals("jdk.management.jfr")
                || library.equals("java.instrument") || library.equals("java.management") || library.equals("jdk.management");
    }

    private static boolean isJdk(String library) {
        return library.startsWith("java.") || library.startsWith("jdk.");
    }

    /** The library of the main class or jar, which is the app itself, never a candidate. */
    private String applicationLibrary() {
        String arguments = info.javaArguments();
        if (arguments == null || arguments.isBlank()) return null;
        String main = arguments.strip().split("\\s+")[0];
        if (main.endsWith(".jar")) return Libraries.nameOf(java.nio.file.Path.of(main).toAbsolutePath().toUri().toString());
        return libraries.libraryOf(main, null);
    }

    private static List<DeferrableLibrary.PackageClasses> topPackages(Map<String, Integer> counts) {
        if (counts == null) return List.of();
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(e -> new DeferrableLibrary.PackageClasses(e.getKey(), e.getValue())).toList();
    }

    /** The distinct libraries on each node's path from the root; a node shares its parent's array when it adds none. */
    private final class LibrarySets {
        private final CallTree tree;
        private final int[][] sets;

        LibrarySets(CallTree tree) {
            this.tree = tree;
            this.sets = new int[tree.size()][];
            sets[CallTree.ROOT] = new int[0];
            for (int node = 1; node < tree.size(); node++) { // a parent is always made before its children
                int[] parent = sets[tree.parent(node)];
                int lib = frames.library(tree.frame(node));
                sets[node] = contains(parent, lib) ? parent : append(parent, lib);
            }
        }

        int[] of(int node) {
            return sets[node];
        }

        private static boolean contains(int[] set, int value) {
            for (int v : set) if (v == value) return true;
            return false;
        }

        private static int[] append(int[] set, int value) {
            int[] bigger = Arrays.copyOf(set, set.length + 1);
            bigger[set.length] = value;
            return bigger;
        }
    }
}
