package dev.memprof.recorder;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.VirtualMachine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * memprof's second engine: async-profiler's native agent, the library shipped in Maven Central's
 * {@code tools.profiler:async-profiler} jar (one per platform: {@code linux-x64/}, {@code linux-arm64/},
 * {@code macos/}), extracted to memprof's folder so the target can load it.
 * <p>
 * It samples Java allocations by bytes ({@code alloc}, with {@code live}: the sampled objects still alive at the
 * end) and, with native memory on, records every {@code malloc} and {@code free} ({@code nativemem}). It writes its
 * own JFR file, beside the JFR recording memprof starts as for the JFR engine (heap over time, class loading, the
 * agent's code sources; JFR's own allocation samples off). When both are complete, {@link #join} appends its chunk to
 * JFR's, giving one recording. Not {@code jfrsync}: with async-profiler 4.6, a target that exits during the
 * recording then leaves a file without async-profiler's events, and its JFR recording has no name our agent can
 * follow.
 */
public final class AsyncProfiler {
    /** Bytes between allocation samples: async-profiler's default, written down so the recording states it. */
    static final long ALLOC_INTERVAL = 512 * 1024;

    static final String LIBRARY = "libasyncProfiler.so";

    private final byte[] library;
    private final boolean nativeMemory;

    private AsyncProfiler(byte[] library, boolean nativeMemory) {
        this.library = library;
        this.nativeMemory = nativeMemory;
    }

    /** The engine for this machine, its library extracted; a one-line reason when async-profiler has none for it. */
    public static AsyncProfiler forThisPlatform(boolean nativeMemory) {
        String os = System.getProperty("os.name"), arch = System.getProperty("os.arch");
        String platform = platform(os, arch);
        if (platform == null) {
            throw new RecorderException("async-profiler has no library for " + os + " " + arch
                    + " (it ships for Linux x64, Linux arm64 and macOS); use --engine jfr");
        }
        return new AsyncProfiler(RecorderFiles.resource("/" + platform + "/" + LIBRARY), nativeMemory);
    }

    /** Writes the library fresh into the recording's folder; returns its path as the target sees it. */
    Path library(TargetFolder folder) {
        return folder.write(LIBRARY, library);
    }

    /**
     * The folder (its name in the target's /tmp) from which async-profiler was loaded into {@code pid} before, by an
     * earlier attach; null when never. A JVM keeps a native library loaded, and finds it again by its path: loading
     * the library from another path would load a second copy beside the first.
     */
    static String loadedFolder(long pid) {
        Pattern loaded = Pattern.compile(" /tmp/(memprof-[A-Za-z0-9]+)/" + Pattern.quote(LIBRARY) + "( \\(deleted\\))?$");
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            return lines.map(loaded::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The folder of async-profiler's jar holding the library for this OS and architecture, or null when none does. */
    static String platform(String osName, String osArch) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac")) return arch.equals("x86_64") || arch.equals("amd64") || arch.equals("aarch64") ? "macos" : null;
        if (!os.equals("linux")) return null;
        return switch (arch) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64", "arm64" -> "linux-arm64";
            default -> null;
        };
    }

    public boolean nativeMemory() {
        return nativeMemory;
    }

    /** Where async-profiler writes its part of {@code output}'s recording, beside JFR's {@code .part}. */
    static Path partOf(Path output) {
        return output.resolveSibling(output.getFileName() + ".async-profiler.part");
    }

    /** The {@code -agentpath} that starts profiling with the JVM, writing to {@code file} (at the latest when it exits). */
    String agentPath(Path library, Path file) {
        return "-agentpath:" + checked(library) + "=" + startOptions(file, null, null);
    }

    /**
     * Starts profiling in a running JVM from {@code library} (the target's path), writing to {@code file}; after
     * {@code timeout} async-profiler stops by itself, so a killed memprof leaves nothing running. The target writes
     * its log (errors) to {@code log}.
     */
    void startIn(VirtualMachine vm, Path library, Path file, TargetFolder.Place log, Duration timeout) {
        load(vm, library, startOptions(file, log.target(), timeout), log, "cannot start async-profiler in pid " + vm.id());
    }

    /** Stops profiling: async-profiler completes its file. */
    void stopIn(VirtualMachine vm, Path library, TargetFolder.Place log) {
        load(vm, library, "stop,quiet,log=" + checked(log.target()), log, "cannot stop async-profiler in pid " + vm.id());
    }

    String startOptions(Path file, Path log, Duration timeout) {
        StringBuilder options = new StringBuilder("start,alloc=").append(ALLOC_INTERVAL).append(",live");
        if (nativeMemory) options.append(",nativemem");
        // quiet: no "Profiling started" on the target's stdout
        options.append(",jfr,quiet,file=").append(checked(file));
        if (log != null) options.append(",log=").append(checked(log));
        if (timeout != null) options.append(",timeout=").append(Math.max(1, timeout.toSeconds()));
        return options.toString();
    }

    private static void load(VirtualMachine vm, Path library, String options, TargetFolder.Place log, String failure) {
        try {
            vm.loadAgentPath(library.toString(), options);
        } catch (AgentLoadException | AgentInitializationException | IOException | RuntimeException e) {
            String logged = firstLogLine(log);
            throw new RecorderException(failure + ": " + (logged != null ? logged : AttachedRecording.oneLine(e)), e);
        } finally {
            deleteQuietly(log.host());
        }
    }

    /** async-profiler's first error in its log, without its "[ERROR] " tag; null when it logged nothing. */
    private static String firstLogLine(TargetFolder.Place log) {
        // written by the target: read a plain file only, never through a link its user may have put there
        if (!Files.isRegularFile(log.host(), LinkOption.NOFOLLOW_LINKS)) return null;
        try (InputStream in = Files.newInputStream(log.host(), LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).findFirst()
                    .map(l -> l.replaceFirst("^\\[\\w+\\]\\s*", "")).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** async-profiler splits its options at commas; a path with one would be cut. */
    private static String checked(Path path) {
        String s = path.toString();
        if (s.contains(",")) throw new RecorderException("async-profiler cannot be given a path with ',': " + s);
        return s;
    }

    /**
     * The recording: JFR's part, then async-profiler's chunk appended (a JFR file is a sequence of chunks); the parts
     * are removed. Without async-profiler's part, JFR's is kept as the recording and the reason is thrown.
     */
    static Path join(Path jfrPart, Path asyncPart, Path output) {
        try {
            if (!Files.exists(asyncPart)) {
                Files.move(jfrPart, output, StandardCopyOption.REPLACE_EXISTING);
                throw new RecorderException("async-profiler wrote no recording (was the target killed?); " + output
                        + " holds JFR's part only, without allocations");
            }
            try (OutputStream out = Files.newOutputStream(jfrPart, StandardOpenOption.APPEND)) {
                Files.copy(asyncPart, out);
            }
            Files.move(jfrPart, output, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(asyncPart);
            return output;
        } catch (IOException e) {
            throw new RecorderException("cannot write " + output + ": " + AttachedRecording.oneLine(e), e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            if (file != null) Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a log left behind is harmless
        }
    }
}
