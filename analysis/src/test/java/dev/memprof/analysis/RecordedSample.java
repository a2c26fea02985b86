package dev.memprof.analysis;

import dev.memprof.testsupport.Samples;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a sample JVM under plain JFR (no memprof recorder) and keeps its recording and what it printed. */
public final class RecordedSample {
    public final Path recording;
    public final String output;

    private RecordedSample(Path recording, String output) {
        this.recording = recording;
        this.output = output;
    }

    public static RecordedSample record(String jdk, Path dir, String mainClass, String... args) throws Exception {
        return record(jdk, dir, List.of(), mainClass, args);
    }

    /** As {@link #record(String, Path, String, String...)}, with more JVM options (a sample's switches). */
    public static RecordedSample record(String jdk, Path dir, List<String> jvmOptions, String mainClass, String... args) throws Exception {
        Files.createDirectories(dir);
        Path settings = dir.resolve("allocation-test.jfc");
        try (InputStream in = RecordedSample.class.getResourceAsStream("/allocation-test.jfc")) {
            Files.copy(in, settings, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path recording = dir.resolve("sample-" + jdk + ".jfr");
        List<String> options = new java.util.ArrayList<>(List.of(Samples.plainJfr(recording, settings)));
        options.addAll(jvmOptions);
        String output = Samples.run(jdk, options, mainClass, List.of(args), 60);
        return new RecordedSample(recording, output);
    }

    /** The sample's ground truth: site method -> bytes its thread allocated. */
    public Map<String, Long> truth() {
        return Samples.allocationTruth(output);
    }
}
