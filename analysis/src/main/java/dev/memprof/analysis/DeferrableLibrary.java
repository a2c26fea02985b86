package dev.memprof.analysis;

import java.util.List;

/**
 * One library's startup cost against its use afterwards, with the evidence.
 *
 * @param score                    startup cost in MiB times how unused the library is afterwards (see {@link StartupReport#SCORE})
 * @param startupAllocatedBytes    heap allocated during startup with the library's code on the stack
 * @param retainedBytes            heap still held at startup end by objects its code allocated during startup (estimate)
 * @param metaspaceBytes           metaspace at startup end, shared out by its classes' class-file sizes (estimate)
 * @param loadNanos                time spent loading its classes during startup (own time, nested loads excluded)
 * @param samplesAfterStartup      allocation and execution samples after startup with its code on the stack
 * @param useShare                 the share of time windows after startup in which a sample had its code on the stack
 * @param loadedBy                 the import chain: frames ({@code package.Class.method}) that first loaded one of its classes, outermost first
 * @param packages                 its packages by classes loaded at startup, most first
 */
public record DeferrableLibrary(String library, double score, int classesAtStartup, long startupAllocatedBytes,
                                long retainedBytes, long metaspaceBytes, long loadNanos, long samplesAfterStartup,
                                double useShare, int classesLoadedAfterStartup, List<String> loadedBy,
                                List<PackageClasses> packages, String advice) {
    public record PackageClasses(String name, int classes) {}
}
