package dev.memprof.analysis.startup;

import java.util.List;

/**
 * One library's startup cost against its use afterwards, with the evidence.
 *
 * @param score                    what every process keeps paying for it, in MiB, times how unused it is afterwards (see {@link StartupReport#SCORE})
 * @param startupAllocatedBytes    heap allocated during startup by its own code (the innermost frame outside the JDK is
 *                                 its): garbage, which costs startup time and GC, not memory; not in the score
 * @param retainedBytes            heap it keeps alive at startup's end: from the heap snapshot, the bytes its classes own
 *                                 (objects whose nearest application-side dominator is one of its); without a snapshot an
 *                                 estimate from old-object samples
 * @param metaspaceBytes           metaspace at startup end, shared out by its classes' class-file sizes (estimate)
 * @param loadNanos                time spent loading its classes during startup (own time, nested loads excluded)
 * @param samplesAfterStartup      allocation and execution samples after startup with its code on the stack
 * @param useShare                 the share of use periods (equal stretches of time after startup) in which a sample had its code on the stack
 * @param loadedBy                 the import chain: frames ({@code package.Class.method}) that loaded most of its classes, outermost first
 * @param packages                 its packages by classes loaded at startup, most first
 * @param heldBy                   what holds its heap from outside it (a static field, an object of another class), most bytes first
 * @param staticFields             its own static fields by the bytes they keep alive, most first
 */
public record DeferrableLibrary(String library, double score, int classesAtStartup, long startupAllocatedBytes,
                                long retainedBytes, long metaspaceBytes, long loadNanos, long samplesAfterStartup,
                                double useShare, int classesLoadedAfterStartup, List<String> loadedBy,
                                List<PackageClasses> packages, String advice, List<StartupReport.Held> heldBy,
                                List<StartupReport.Held> staticFields) {
    public record PackageClasses(String name, int classes) {}
}
