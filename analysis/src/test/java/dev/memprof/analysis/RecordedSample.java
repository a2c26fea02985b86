package dev.memprof.analysis;

import dev.memprof.testsupport.Samples;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a sample JVM under plain JFR (no memprof recorder) and keeps its recording and what it printed. */
final class RecordedSample {
    final Path recording;
    final String output;

    private RecordedSample(Path recording, String output) {
        this.recording = recording;
        this.output = output;
    }

    static RecordedSample record(String jdk, Path dir, String mainClass, String... args) throws Exception {
        Path settings = dir.resolve("allocation-test.jfc");
        try (InputStream in = RecordedSample.class.getResourceAsStream("/allocation-test.jfc")) {
            Files.copy(in, settings);
        }
        Path recording = dir.resolve("sample-" + jdk + ".jfr");
        String output = Samples.run(jdk, List.of(Samples.plainJfr(recording, settings)), mainClass, List.of(args), 60);
        return new RecordedSample(recording, output);
    }

    /** The sample's ground truth: site method -> bytes its thread allocated. */
    Map<String, Long> truth() {
        return Samples.allocationTruth(output);
    }
}
