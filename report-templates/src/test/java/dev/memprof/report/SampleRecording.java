package dev.memprof.report;

import dev.memprof.testsupport.Samples;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a sample app in a fresh JVM with a JFR recording and returns the recording. */
final class SampleRecording {
    private SampleRecording() {}

    static Path record(Path dir, Class<?> sample, List<String> jvmOptions, String... args) throws Exception {
        return record(dir, "alloc.jfc", sample, jvmOptions, args);
    }

    /** As {@link #record(Path, Class, List, String...)}, with the settings of test resource {@code jfc}. */
    static Path record(Path dir, String jfc, Class<?> sample, List<String> jvmOptions, String... args) throws Exception {
        Files.createDirectories(dir);
        Path settings = dir.resolve(jfc);
        try (InputStream in = SampleRecording.class.getResourceAsStream(jfc)) {
            Files.copy(in, settings, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path jfr = dir.resolve(sample.getSimpleName() + ".jfr");
        List<String> options = new ArrayList<>(List.of(Samples.plainJfr(jfr, settings)));
        options.addAll(jvmOptions);
        run(dir, sample, options, args);
        return jfr;
    }

    /** Runs {@code sample} on JDK 17 to its exit and writes what it printed to {@code <dir>/<sample>.log}. */
    static void run(Path dir, Class<?> sample, List<String> jvmOptions, String... args) throws Exception {
        String output = Samples.run("17", jvmOptions, sample.getName(), List.of(args), 60);
        Files.writeString(dir.resolve(sample.getSimpleName() + ".log"), output);
    }
}
