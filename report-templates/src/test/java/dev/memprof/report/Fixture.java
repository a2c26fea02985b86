package dev.memprof.report;

import dev.memprof.samples.AllocationSites;
import dev.memprof.samples.HostileNames;
import dev.memprof.samples.LeakingService;
import dev.memprof.samples.NativeLeak;
import dev.memprof.testsupport.Samples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The recordings the renderer tests read, checked in under the repository's {@code fixtures/} as {@code <name>.jfr}
 * with {@code <name>.log} beside it (what the sample printed: its ground truth), and how each was made: a sample run
 * to its exit on JDK 17 under plain JFR with one of this module's settings files, or under async-profiler's agent
 * alone. {@code fixtures/make-fixtures.sh} remakes them all ({@link MakeFixtures}).
 */
enum Fixture {
    /** HtmlReportTest, ContentSecurityPolicyTest: four sites, 60/25/10/5% of the bytes, 2 s at 256 MiB/s. */
    ALLOCATION_SITES("AllocationSites", "alloc.jfc", null, AllocationSites.class, List.of(), "2"),
    /** DiffReportsTest's base: 2 s at 100 MiB/s. */
    DIFF_BASE("AllocationSites-100MiBs", "alloc.jfc", null, AllocationSites.class, List.of(), "2", "100"),
    /** DiffReportsTest's new run: as the base, with allocateStrings' budget four times as large. */
    DIFF_NEW("AllocationSites-100MiBs-strings-x4", "alloc.jfc", null, AllocationSites.class,
            List.of("-Dmemprof.sample.grow=allocateStrings:4"), "2", "100"),
    /** HostileNamesTest: markup in a thread, a class and the command line. */
    HOSTILE_NAMES("HostileNames", "alloc.jfc", null, HostileNames.class, List.of(HostileNamesTest.OPTION), "1"),
    /**
     * LeaksHtmlReportTest: a heap kept tight (little free space after a collection), so the leak fills the old
     * generation every half second and each full collection is a live-set reading (a plain JFR recording has no others;
     * memprof run forces some).
     */
    LEAKING_SERVICE("LeakingService", "leaks.jfc", null, LeakingService.class,
            List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmn4m", "-Xmx64m", "-XX:MinHeapFreeRatio=5", "-XX:MaxHeapFreeRatio=10"), "14"),
    /** AsyncProfilerRecordingsTest: allocations and live objects by async-profiler's agent alone, 3 s. */
    ASYNC_ALLOCATION_SITES("AllocationSites-async-profiler", null, "alloc=512k,live", AllocationSites.class, List.of(), "3"),
    /** AsyncProfilerRecordingsTest: native memory (a leak beside churn) by async-profiler's agent alone. */
    ASYNC_NATIVE_LEAK("NativeLeak-async-profiler", null, "nativemem", NativeLeak.class, List.of(), "2"),
    /** ExportFormatsTest: all three views (allocations, live objects, the JVM's own mallocs) in one recording. */
    ASYNC_ALL_VIEWS("AllocationSites-async-profiler-nativemem", null, "alloc=512k,live,nativemem=64k", AllocationSites.class, List.of(), "2");

    /** The repository's fixtures folder, seen from a module's folder (where Maven runs its tests). */
    private static final Path FOLDER = Path.of("..", "fixtures");

    private final String name;
    /** Plain JFR with this module's settings file of this name; or null, and {@link #events} for async-profiler. */
    private final String jfc;
    /** async-profiler's events ({@code -agentpath:...=start,<events>,jfr,...}), or null under plain JFR. */
    private final String events;
    private final Class<?> sample;
    private final List<String> jvmOptions;
    private final String[] args;

    Fixture(String name, String jfc, String events, Class<?> sample, List<String> jvmOptions, String... args) {
        this.name = name;
        this.jfc = jfc;
        this.events = events;
        this.sample = sample;
        this.jvmOptions = jvmOptions;
        this.args = args;
    }

    /** The file name without extension: {@code fixtures/<name>.jfr}, {@code fixtures/<name>.log}. */
    String fileName() {
        return name;
    }

    /** The checked-in recording; fails saying how to make it when it is missing. */
    Path jfr() {
        return existing(name + ".jfr");
    }

    /** What the sample printed when this recording was made (its ground truth). */
    String log() throws IOException {
        return Files.readString(existing(name + ".log"));
    }

    private static Path existing(String file) {
        Path path = FOLDER.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("fixture " + path.toAbsolutePath().normalize() + " is missing: make it with fixtures/make-fixtures.sh");
        }
        return path;
    }

    /**
     * Runs the sample to its exit on JDK 17 recording into {@code <dir>/<name>.jfr} and writes what it printed to
     * {@code <dir>/<name>.log}; settings and async-profiler's library are copied to {@code tools}.
     */
    void make(Path dir, Path tools) throws Exception {
        Path jfr = dir.resolve(name + ".jfr");
        Files.deleteIfExists(jfr);
        List<String> options = new ArrayList<>();
        if (jfc != null) {
            options.add(Samples.plainJfr(jfr, copy(jfc, tools.resolve(jfc))));
        } else {
            Path library = copy(System.getProperty("os.arch").equals("aarch64") ? "/linux-arm64/libasyncProfiler.so" : "/linux-x64/libasyncProfiler.so",
                    tools.resolve("libasyncProfiler.so"));
            options.add("-agentpath:" + library.toAbsolutePath() + "=start," + events + ",jfr,quiet,file=" + jfr);
        }
        options.addAll(jvmOptions);
        String output = Samples.run("17", options, sample.getName(), List.of(args), 60);
        Files.writeString(dir.resolve(name + ".log"), output);
    }

    /** Copies resource {@code resource} (relative to this class, or absolute) to {@code to}. */
    private static Path copy(String resource, Path to) throws IOException {
        try (InputStream in = Fixture.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("no resource " + resource);
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }
}
