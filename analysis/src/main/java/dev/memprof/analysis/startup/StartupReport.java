package dev.memprof.analysis.startup;

import java.util.List;
import java.util.SortedMap;

/**
 * What a recording says about the app's startup: when it ended and by which rule, and the libraries it loaded that
 * are rarely used afterwards, best candidate first.
 *
 * @param mode                "launch" (recorded from the JVM's start), "attach" (recorded a running JVM) or "none"
 * @param rule                how startup's end was set, in words
 * @param endOffsetNanos      startup's end from the recording's start
 * @param samplesAfterStartup all allocation and execution samples after startup: how much use was observed
 * @param notes               what this recording cannot tell, one line each
 * @param deferrable          candidates, ranked by score
 * @param totals              the whole JVM's startup footprint
 * @param libraries           every library's startup footprint (the profiler's own left out), by library name
 * @param unusedJars          jars the app was packaged with from which no class was loaded (known with memprof run)
 * @param staticFields        from the heap snapshot at startup's end: static fields by the bytes they keep alive
 */
public record StartupReport(String mode, String rule, long endOffsetNanos, long samplesAfterStartup,
                            List<String> notes, List<DeferrableLibrary> deferrable, Footprint totals,
                            List<LibraryFootprint> libraries, List<UnusedJar> unusedJars, List<Held> staticFields) {
    /** Bytes kept alive by a holder: {@code static field a.B.c}, or an object's class. */
    public record Held(String holder, long bytes) {}

    /** A packaged jar no class was loaded from: a dependency the app does not use (in this run). */
    public record UnusedJar(String library, long bytes) {}

    /**
     * Memory at startup's end: heap used after the first GC from then on ({@code memprof check} makes it a full GC),
     * heap allocated until then, metaspace used, classes loaded. -1 when the recording has no reading.
     */
    public record Footprint(long retainedBytes, long allocatedBytes, long metaspaceBytes, long classes) {}

    /**
     * @param retainedAt the library's frame on most startup objects still alive, or null; where to look when retained grows
     * @param packages   classes loaded at startup per package, by package name
     */
    public record LibraryFootprint(String library, Footprint footprint, List<String> loadedBy, String retainedAt,
                                   SortedMap<String, Integer> packages) {}

    /** The score in one sentence. */
    public static final String SCORE = "score = what every process keeps paying, in MiB (heap the library keeps alive at startup's end"
            + " + its metaspace), x the share of time after startup it was not seen in use (a time period counts as use when any"
            + " allocation or execution sample in it has the library's code on the stack); from 5% of the time, or 0.5% of samples,"
            + " it is in use, not a candidate; heap allocated at startup is garbage (startup time, not memory): shown, not scored";
}
