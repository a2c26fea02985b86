package dev.memprof.report;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

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
        Path classes = Path.of(sample.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:StartFlightRecording=filename=" + jfr + ",settings=" + settings));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classes.toString(), sample.getName()));
        command.addAll(List.of(args));
        Path log = dir.resolve(sample.getSimpleName() + ".log");
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!jvm.waitFor(60, TimeUnit.SECONDS)) fail(sample.getSimpleName() + " did not finish in 60 s; see " + log);
            assertEquals(0, jvm.exitValue(), () -> sample.getSimpleName() + " failed; see " + log);
        } finally {
            jvm.destroyForcibly();
        }
        return jfr;
    }
}
