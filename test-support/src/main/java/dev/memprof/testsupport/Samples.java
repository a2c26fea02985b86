package dev.memprof.testsupport;

import dev.memprof.samples.AllocationSites;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The samples (module {@code samples/}) as tests start them: their class path, and the truth they print at exit. */
public final class Samples {
    private static final Pattern SITE_BYTES = Pattern.compile("site=(\\S+) thread=\\S+ bytes=(\\d+)");

    private Samples() {
    }

    /** The samples' classes folder or jar, as a target JVM's class path. */
    public static Path classPath() {
        try {
            return Path.of(AllocationSites.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The samples' code source, as memprof's agent reports it. */
    public static String location() {
        return AllocationSites.class.getProtectionDomain().getCodeSource().getLocation().toString();
    }

    /**
     * Runs JDK {@code jdk}'s {@code java -XX:TieredStopAtLevel=1 [jvmOptions] -cp <samples> <mainClass> [args]} (see
     * {@link TargetJdk#C1_ONLY}) to its exit and returns what it printed (stdout and stderr); fails unless it exits 0
     * within {@code timeoutSeconds}.
     */
    public static String run(String jdk, List<String> jvmOptions, String mainClass, List<String> args, int timeoutSeconds)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(TargetJdk.java(jdk).toString(), TargetJdk.C1_ONLY));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath().toString(), mainClass));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("sample failed: " + command + "\n" + output);
            }
            return output;
        } finally {
            process.destroyForcibly();
        }
    }

    /** The JVM option that records the whole run under plain JFR (no memprof) with the given settings file. */
    public static String plainJfr(Path recording, Path settings) {
        return "-XX:StartFlightRecording=filename=" + recording + ",settings=" + settings;
    }

    /** The ground truth an allocation sample prints at exit ({@code site=<method> thread=<name> bytes=<n>}): site -> bytes. */
    public static Map<String, Long> allocationTruth(String output) {
        Map<String, Long> truth = new LinkedHashMap<>();
        Matcher m = SITE_BYTES.matcher(output);
        while (m.find()) truth.put(m.group(1), Long.parseLong(m.group(2)));
        return truth;
    }
}
