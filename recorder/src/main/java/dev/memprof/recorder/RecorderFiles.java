package dev.memprof.recorder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The files a target JVM reads (the agent jar, the settings), from memprof's own resources, written fresh into the
 * recording's {@link TargetFolder}; each method returns the path to give the target.
 */
public final class RecorderFiles {
    static final String AGENT_JAR = "memprof-agent.jar";

    private RecorderFiles() {}

    /** The agent jar ({@code -javaagent} or {@code loadAgent}). */
    public static Path agentJar(TargetFolder folder) {
        return folder.write(AGENT_JAR, resource(AGENT_JAR));
    }

    /** The JFR settings ({@code settings=} of JFR.start and -XX:StartFlightRecording); without JFR's allocation samples for async-profiler. */
    static Path settings(TargetFolder folder, AsyncProfiler asyncProfiler) {
        return asyncProfiler == null ? folder.write("memprof.jfc", resource("memprof.jfc"))
                : folder.write("memprof-async-profiler.jfc", settingsWithoutAllocationSamples());
    }

    /**
     * The JFR settings for the async-profiler engine: memprof's, without JFR's own allocation samples (async-profiler
     * samples allocations instead; both would count every byte twice).
     */
    static byte[] settingsWithoutAllocationSamples() {
        String settings = new String(resource("memprof.jfc"), StandardCharsets.UTF_8);
        String off = settings.replaceFirst("(<event name=\"jdk.ObjectAllocationSample\">\\s*<setting name=\"enabled\">)true<",
                "$1false<");
        if (off.equals(settings)) throw new IllegalStateException("memprof.jfc enables no jdk.ObjectAllocationSample to turn off");
        return off.getBytes(StandardCharsets.UTF_8);
    }

    /** A resource of memprof ({@code /x/y} from the class path's root, else beside this class). */
    static byte[] resource(String resource) {
        try (InputStream in = RecorderFiles.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("resource missing from memprof: " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
