package dev.memprof.analysis;

import java.util.List;

/**
 * What a recording says about itself and the JVM it came from.
 *
 * @param startEpochNanos start of the first chunk, nanoseconds since the epoch
 * @param durationNanos   from the first chunk's start to the last chunk's end
 * @param codeSources     whether the memprof agent recorded where classes came from
 * @param warnings        what could not be read, one line each
 */
public record RecordingInfo(String file, String jvmName, String jvmVersion, String javaArguments,
                            String jvmArguments, long pid, long startEpochNanos, long durationNanos,
                            int chunks, boolean codeSources, List<String> warnings) {
    /** The command line as the user would have typed it (JVM arguments, then main class and its arguments). */
    public String commandLine() {
        String jvm = jvmArguments == null ? "" : jvmArguments.trim();
        String java = javaArguments == null ? "" : javaArguments.trim();
        return ("java " + jvm + (jvm.isEmpty() ? "" : " ") + java).trim();
    }
}
