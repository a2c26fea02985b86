package dev.memprof.analysis;

import dev.memprof.samples.AllocationSites;

import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs a sample JVM under plain JFR (no memprof recorder) and keeps its recording and what it printed. */
final class RecordedSample {
    final Path recording;
    final String output;

    private RecordedSample(Path recording, String output) {
        this.recording = recording;
        this.output = output;
    }

    static Path jdk25() {
        return Path.of(System.getProperty("memprof.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    }

    static Path javaOf(String jdk) {
        return jdk.equals("17") ? Path.of(System.getProperty("java.home"), "bin", "java") : jdk25().resolve("bin/java");
    }

    static RecordedSample record(String jdk, Path dir, String mainClass, String... args) throws Exception {
        Path settings = dir.resolve("allocation-test.jfc");
        try (InputStream in = RecordedSample.class.getResourceAsStream("/allocation-test.jfc")) {
            Files.copy(in, settings);
        }
        Path recording = dir.resolve("sample-" + jdk + ".jfr");
        List<String> command = new ArrayList<>(List.of(javaOf(jdk).toString(),
                "-XX:StartFlightRecording=filename=" + recording + ",settings=" + settings,
                "-cp", samplesClasses().toString(), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("sample failed: " + output);
            }
            return new RecordedSample(recording, output);
        } finally {
            process.destroyForcibly();
        }
    }

    static Path samplesClasses() throws URISyntaxException {
        return Path.of(AllocationSites.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The sample's ground truth: site method -> bytes its thread allocated. */
    Map<String, Long> truth() {
        Map<String, Long> truth = new LinkedHashMap<>();
        Matcher m = Pattern.compile("site=(\\S+) thread=\\S+ bytes=(\\d+)").matcher(output);
        while (m.find()) truth.put(m.group(1), Long.parseLong(m.group(2)));
        return truth;
    }
}
