package dev.memprof.analysis.startup;

import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.FrameTable;
import dev.memprof.analysis.Libraries;
import dev.memprof.analysis.RecordingInfo;
import dev.memprof.analysis.StringTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges startup evidence once the recording is read: where startup ended, what each library cost by then, and
 * how often its code ran afterwards. A library is "on" a sample when any frame of the sample's stack is its code,
 * not only the top one, so a library counts as used when it calls into others.
 */
public final class DeferrableLibraries {
    /** Under this (MiB x unused share: 50 KiB that every process keeps paying) a change is not worth it. */
    static final double MIN_SCORE = 0.05;
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final StartupEvidence evidence;
    private final HeapFindings findings;
    private final RecordingInfo info;
    private final StringTable classes, libraryNames, modules;
    private final FrameTable frames;
    private final CallTree allocationTree;
    private final Libraries libraries;

    public DeferrableLibraries(StartupEvidence evidence, HeapFindings findings, RecordingInfo info, StringTable classes, StringTable modules,
                        StringTable libraryNames, FrameTable frames, CallTree allocationTree, Libraries libraries) {
        this.evidence = evidence;
        this.findings = findings;
        this.info = info;
        this.classes = classes;
        this.modules = modules;
        this.libraryNames = libraryNames;
        this.frames = frames;
        this.allocationTree = allocationTree;
        this.libraries = libraries;
    }

    /** Where startup ended, by which rule, and in which mode ("launch" or "attach"). */
    private record StartupEnd(String mode, long epochNanos, String rule) {}

    /** What judging found, by library id (below {@code count}); {@code app} is the app's own library, or -1. */
    private record PerLibrary(int count, StartupClasses counts, long[] retained, long[] startupBytes, long[] metaspaceBytes,
                              LibraryUse use, StartupImports imports, HeapOwners owners, int app) {}

    public StartupReport judge() {
        List<String> notes = new ArrayList<>();
        StartupEnd startupEnd = startupEnd(notes);
        if (startupEnd == null) {
            return new StartupReport("none", "no class loading in this recording", 0, 0,
                    List.of("no class loading events in this recording: record with memprof run or attach"), List.of(),
                    new StartupReport.Footprint(-1, -1, -1, -1), List.of(), List.of(), List.of());
        }
        String mode = startupEnd.mode();
        long end = startupEnd.epochNanos();
        if (!info.codeSources()) notes.add("no code sources (recorded without memprof's agent): libraries are JDK modules and packages only");
        notes.addAll(findings.notes);
        int endBucket = mode.equals("attach") ? -1 : evidence.bucket(end);
        nameSnapshotLibraries();
        StartupClasses counts = new StartupClasses(evidence, end, classes, modules, libraryNames, libraries, this::loadedByProfiler);
        int libraryCount = libraryNames.size();

        // memory at startup end: metaspace shared out by class-file bytes; heap from the snapshot, else estimated
        int readingBucket = endBucket < 0 ? 0 : evidence.fineBucket(end); // readings stay in the fine buckets
        long metaspace = Math.max(0, StartupEvidence.readingNear(evidence.metaspaceUsed, readingBucket));
        if (metaspace == 0 && !findings.hasSnapshot()) notes.add("no GC in this recording, so no metaspace or heap reading:"
                + " what each library keeps costing is unknown (record longer, or attach with --heap-snapshot)");
        long[] metaspaceBytes = metaspaceShares(counts, metaspace, libraryCount);
        LibrarySets allocationLibs = new LibrarySets(allocationTree, frames), evidenceLibs = new LibrarySets(evidence.stacks, frames);
        HeapOwners owners = new HeapOwners(findings, classes, this::libraryOfClass, libraryCount);
        long[] retained = findings.hasSnapshot() ? owners.owned : estimatedRetainedHeap(endBucket, readingBucket, evidenceLibs, notes, mode);
        long[] startupBytes = ownAllocations(endBucket);

        boolean[] profilerAlloc = profilerNodes(allocationLibs, allocationTree.size()), profilerEvidence = profilerNodes(evidenceLibs, evidence.stacks.size());
        LibraryUse use = new LibraryUse(evidence, endBucket, libraryCount, allocationLibs::of, evidenceLibs::of, profilerAlloc, profilerEvidence);
        if (use.samplesAfter == 0) notes.add("no samples after startup: how much each library is used afterwards is unknown (record longer)");
        String app = applicationLibrary();
        int appId = app == null ? -1 : libraryNames.find(app);
        StartupImports imports = new StartupImports(evidence, frames, counts.classLibrary, counts.atStartup, libraryCount, appId,
                lib -> StartupClasses.isJdk(libraryNames.get(lib)));
        PerLibrary libs = new PerLibrary(libraryCount, counts, retained, startupBytes, metaspaceBytes, use, imports, owners, appId);

        List<DeferrableLibrary> ranked = ranked(libs, mode);
        long allocatedTotal = allocatedAtStartup(endBucket);
        List<StartupReport.LibraryFootprint> footprints = footprints(libs, retainingFrames(libraryCount, endBucket, evidenceLibs));
        long classesTotal = 0;
        for (int lib = 0; lib < libraryCount; lib++) classesTotal += counts.startupClasses[lib];
        StartupReport.Footprint totals = new StartupReport.Footprint(
                evidence.lowestReadingAfter(evidence.heapAfterGc, readingBucket, 5_000_000_000L), mode.equals("attach") ? -1 : allocatedTotal,
                StartupEvidence.readingNear(evidence.metaspaceUsed, readingBucket), classesTotal);
        return new StartupReport(mode, startupEnd.rule(), Math.max(0, end - info.startEpochNanos()), use.samplesAfter,
                List.copyOf(notes), ranked, totals, footprints, unusedJars(counts), owners.allStaticFields());
    }

    /** Startup's end: marked by a rule, else detected (launch), else the recording's start (attach); null: no class loading. */
    private StartupEnd startupEnd(List<String> notes) {
        boolean fromStart = evidence.fromJvmStart(info.startEpochNanos());
        if (evidence.markedReadyNanos >= 0) {
            return new StartupEnd("launch", evidence.markedReadyNanos, evidence.markedDescription);
        } else if (fromStart && evidence.classCount > 0) {
            return new StartupEnd("launch", settled(), "detected: class loading settled (under 1% more classes in the next second)");
        } else if (evidence.inventoryCount > 0 || evidence.classCount > 0) {
            notes.add("attached to a running JVM: what it loaded before comes from memprof's inventory, so load order, load time,"
                    + " import chains, and startup allocations cannot be known; use `memprof run` to see them");
            notes.add("attached: a library whose classes were loaded in many short stretches among other libraries' is taken as part"
                    + " of their startup, not listed (memprof run shows who loaded it)");
            return new StartupEnd("attach", info.startEpochNanos(),
                    "attached to a running JVM: startup is everything loaded before the recording began");
        }
        return null;
    }

    /** Every library the snapshot names gets an id before any table of libraries is sized. */
    private void nameSnapshotLibraries() {
        findings.classes.keySet().forEach(this::libraryOfClass);
        findings.holders.forEach(h -> { libraryOfClass(h.holderClass()); libraryOfClass(h.ownedClass()); });
        findings.staticFields.forEach(f -> libraryOfClass(f.classId()));
        libraryOfClass(classes.intern(HeapFindings.NOBODY));
    }

    /** Metaspace used at startup's end shared out by the libraries' class-file bytes (an estimate). */
    private static long[] metaspaceShares(StartupClasses counts, long metaspace, int libraryCount) {
        long totalWeight = Arrays.stream(counts.classWeight).sum();
        long[] shares = new long[libraryCount];
        for (int lib = 0; lib < libraryCount; lib++) {
            shares[lib] = totalWeight == 0 ? 0 : Math.round((double) metaspace * counts.classWeight[lib] / totalWeight);
        }
        return shares;
    }

    /** The candidates: libraries loaded at startup that could be deferred alone and are worth it, best score first. */
    private List<DeferrableLibrary> ranked(PerLibrary libs, String mode) {
        StartupClasses counts = libs.counts();
        boolean attach = mode.equals("attach") && findings.hasSnapshot();
        List<DeferrableLibrary> ranked = new ArrayList<>();
        for (int lib = 0; lib < libs.count(); lib++) {
            String name = libraryNames.get(lib);
            if (counts.startupClasses[lib] == 0 || lib == libs.app() || StartupClasses.isJdk(name) || name.equals(Libraries.UNKNOWN)
                    || isProfiler(name)) continue;
            if (!deferrableAlone(lib, libs.app(), libs.use(), libs.imports(), attach ? libs.owners() : null, new BitSet())) continue;
            if (mode.equals("attach") && (familyInUse(lib, libs.use(), counts) || !counts.loadedAsUnit.get(lib))) continue;
            long retained = libs.retained()[lib], metaspaceBytes = libs.metaspaceBytes()[lib];
            double costMiB = (retained + metaspaceBytes) / (1024.0 * 1024.0);
            double score = Math.round(costMiB * (1 - libs.use().share[lib]) * 100) / 100.0;
            if (score < MIN_SCORE) continue; // under 50 KiB that every process keeps paying: not worth a change
            ranked.add(new DeferrableLibrary(name, score, counts.startupClasses[lib], libs.startupBytes()[lib], retained, metaspaceBytes,
                    counts.loadNanos[lib], libs.use().samples[lib], libs.use().share[lib], counts.laterClasses[lib], libs.imports().chain(lib),
                    topPackages(counts.packages.get(lib)), LibraryAdvice.of(lib, libs.use(), counts, libs.imports(), libs.app()),
                    libs.owners().heldBy(lib), libs.owners().staticFields(lib)));
        }
        ranked.sort(Comparator.comparingDouble(DeferrableLibrary::score).reversed().thenComparing(DeferrableLibrary::library));
        return List.copyOf(ranked);
    }

    /** Every library loaded at startup (the profiler's and unknown code aside) with its footprint, by name. */
    private List<StartupReport.LibraryFootprint> footprints(PerLibrary libs, String[] retainedAt) {
        StartupClasses counts = libs.counts();
        List<StartupReport.LibraryFootprint> footprints = new ArrayList<>();
        for (int lib = 0; lib < libs.count(); lib++) {
            String name = libraryNames.get(lib);
            if (counts.startupClasses[lib] == 0 || isProfiler(name) || name.equals(Libraries.UNKNOWN)) continue;
            List<StartupReport.Held> held = libs.owners().staticFields(lib);
            String at = findings.hasSnapshot() ? (held.isEmpty() ? null : held.get(0).holder()) : retainedAt[lib];
            footprints.add(new StartupReport.LibraryFootprint(name,
                    new StartupReport.Footprint(libs.retained()[lib], libs.startupBytes()[lib], libs.metaspaceBytes()[lib],
                            counts.startupClasses[lib]),
                    libs.imports().chain(lib), at, new TreeMap<>(counts.packages.getOrDefault(lib, Map.of()))));
        }
        footprints.sort(Comparator.comparing(StartupReport.LibraryFootprint::library));
        return List.copyOf(footprints);
    }

    /** Heap allocated by startup's end, all code's. */
    private long allocatedAtStartup(int endBucket) {
        long allocated = 0;
        StartupEvidence.SampleTable alloc = evidence.allocations;
        for (int r = 0; r < alloc.size; r++) if (alloc.bucket[r] <= endBucket) allocated += alloc.bytes[r];
        return allocated;
    }

    /**
     * Whether a library could be deferred on its own: it is not in use after startup, does not drive startup, and what
     * imported it (the library whose code loaded most of its classes) could be deferred too, or is the app itself.
     * Attached, no load stack says who imported or drove what: the heap snapshot's holders stand in ({@code heap},
     * null otherwise): the library whose objects hold its objects, and containers holding many libraries' objects.
     */
    private static boolean deferrableAlone(int lib, int app, LibraryUse use, StartupImports imports, HeapOwners heap,
                                           BitSet seen) {
        if (use.inUse(lib) || imports.drivesStartup(lib) || (heap != null && heap.holdsOthers(lib, app))) return false;
        int importer = imports.importer(lib);
        if (importer < 0 && heap != null) importer = heap.holderLibrary(lib);
        if (importer < 0 || importer == app || importer == lib || seen.get(lib)) return true;
        seen.set(lib);
        return deferrableAlone(importer, app, use, imports, heap, seen);
    }

    /**
     * Attached, no load stack says what a framework's modules did at startup: a jar of a project another jar of which
     * is in use ({@code spring-boot-autoconfigure} when {@code spring-webmvc} runs on every request) is taken as part of
     * that framework, not advice on its own. The project is the jar name's first word.
     */
    private boolean familyInUse(int lib, LibraryUse use, StartupClasses counts) {
        String family = family(libraryNames.get(lib));
        if (family.isEmpty()) return false;
        for (int other = 0; other < counts.startupClasses.length; other++) {
            if (other != lib && use.inUse(other) && family.equals(family(libraryNames.get(other)))) return true;
        }
        return false;
    }

    /** {@code spring-boot-autoconfigure-4.0.7.jar} -> {@code spring}; not a jar: empty. */
    static String family(String library) {
        if (!library.endsWith(".jar")) return "";
        int end = 0;
        while (end < library.length() && Character.isLetterOrDigit(library.charAt(end))) end++;
        return library.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /**
     * Without a heap snapshot, heap each library keeps alive at startup's end is estimated: the heap used after the
     * first GC at startup's end shared out by the old-object samples allocated during startup that are still alive at
     * the recording's end, with the library anywhere on their stack.
     */
    private long[] estimatedRetainedHeap(int endBucket, int readingBucket, LibrarySets evidenceLibs, List<String> notes, String mode) {
        long[] retained = new long[libraryNames.size()];
        long heapRetained = Math.max(0, StartupEvidence.readingNear(evidence.heapAfterGc, readingBucket));
        long[] oldAtStartup = new long[retained.length];
        long oldObjectsAtStartup = 0;
        StartupEvidence.SampleTable old = evidence.oldObjects;
        for (int r = 0; r < old.size; r++) {
            if (old.bucket[r] > endBucket) continue;
            oldObjectsAtStartup += old.samples[r];
            for (int lib : evidenceLibs.of(old.node[r])) oldAtStartup[lib] += old.samples[r];
        }
        if (!mode.equals("attach")) {
            notes.add(oldObjectsAtStartup == 0 ? "no heap snapshot and no old-object samples from startup: retained heap per library is unknown"
                    : "no heap snapshot at startup's end (record with memprof run and a startup rule): "
                            + "retained heap per library is an estimate from old-object samples");
        }
        for (int lib = 0; lib < retained.length && oldObjectsAtStartup > 0; lib++) {
            retained[lib] = Math.round((double) heapRetained * oldAtStartup[lib] / oldObjectsAtStartup);
        }
        return retained;
    }

    /**
     * Heap allocated at startup by each library's own code: a sample goes to the innermost frame outside the JDK (the
     * code that asked for the memory, directly or through the JDK), not to every library on the stack.
     */
    private long[] ownAllocations(int endBucket) {
        long[] bytes = new long[libraryNames.size()];
        int[] own = new int[allocationTree.size()];
        own[CallTree.ROOT] = -1;
        for (int node = 1; node < own.length; node++) { // a parent is always made before its children
            int lib = frames.library(allocationTree.frame(node));
            own[node] = StartupClasses.isJdk(libraryNames.get(lib)) ? own[allocationTree.parent(node)] : lib;
        }
        StartupEvidence.SampleTable alloc = evidence.allocations;
        for (int r = 0; r < alloc.size; r++) {
            if (alloc.bucket[r] <= endBucket && own[alloc.node[r]] >= 0) bytes[own[alloc.node[r]]] += alloc.bytes[r];
        }
        return bytes;
    }

    /** A class's library id, interned when the snapshot names a class no frame or load did. */
    private int libraryOfClass(int classId) {
        return libraryNames.intern(libraries.libraryOf(classes.get(classId), null));
    }

    /** Packaged jars from which no class was loaded, largest first. */
    private List<StartupReport.UnusedJar> unusedJars(StartupClasses counts) {
        List<StartupReport.UnusedJar> unused = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (HeapFindings.PackagedJar jar : findings.packagedJars) {
            String name = Libraries.nameOf(jar.location());
            if (name == null || !seen.add(name)) continue;
            int lib = libraryNames.find(name);
            if (lib < 0 || lib >= counts.startupClasses.length || counts.startupClasses[lib] + counts.laterClasses[lib] == 0) {
                unused.add(new StartupReport.UnusedJar(name, jar.bytes()));
            }
        }
        unused.sort(Comparator.comparingLong(StartupReport.UnusedJar::bytes).reversed().thenComparing(StartupReport.UnusedJar::library));
        return List.copyOf(unused);
    }

    /** Startup ends at the last class load that is followed by a quiet second (under 1% more classes). */
    private long settled() {
        long[] times = Arrays.copyOf(evidence.loadTime, evidence.classCount);
        Arrays.sort(times);
        for (int i = 0, j = 0; i < times.length; i++) {
            while (j < times.length && times[j] <= times[i] + QUIET_NANOS) j++;
            if (j - i - 1 < Math.max(3, (i + 1) / 100)) return times[i];
        }
        return times[times.length - 1];
    }

    /** Per library, its frame closest to the allocation on most old-object samples from startup, or null. */
    private String[] retainingFrames(int libraryCount, int endBucket, LibrarySets evidenceLibs) {
        Map<Long, Long> counts = new HashMap<>(); // (library, frame) -> samples
        StartupEvidence.SampleTable old = evidence.oldObjects;
        for (int r = 0; r < old.size; r++) {
            if (old.bucket[r] > endBucket) continue;
            Set<Integer> seen = new HashSet<>();
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


    /** The library of the main class or jar, which is the app itself, never a candidate. */
    private String applicationLibrary() {
        String arguments = info.javaArguments();
        if (arguments == null || arguments.isBlank()) return null;
        String main = arguments.strip().split("\\s+")[0];
        if (main.endsWith(".jar")) return Libraries.nameOf(Path.of(main).toAbsolutePath().toUri().toString());
        return libraries.libraryOf(main, null);
    }

    private static List<DeferrableLibrary.PackageClasses> topPackages(Map<String, Integer> counts) {
        if (counts == null) return List.of();
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(e -> new DeferrableLibrary.PackageClasses(e.getKey(), e.getValue())).toList();
    }
}
