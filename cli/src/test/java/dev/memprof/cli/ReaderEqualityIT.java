package dev.memprof.cli;

import dev.memprof.testsupport.TargetJdk;
import dev.memprof.testsupport.TargetJdks;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * memprof's own JFR reader against the JDK's (-Dmemprof.reader=jdk) on recordings made by memprof itself, with
 * its agent and settings, from the JVM's start (run) and of a running JVM (attach): the same JSON report.
 */
class ReaderEqualityIT {
    @TempDir
    Path dir;

    @TargetJdks
    void runAndAttachRecordingsReportTheSameWithBothReaders(String jdk) throws Exception {
        var run = MemprofProcess.memprof(dir, "run", "-o", "run.jfr", "--", MemprofProcess.java(jdk), "-cp",
                MemprofProcess.samplesClasses(), "dev.memprof.samples.AllocationSites", "2");
        assertEquals(0, run.exitCode(), run.err());
        Process sample = MemprofProcess.startSample(jdk, "60");
        try {
            var attach = MemprofProcess.memprof(dir, "attach", Long.toString(sample.pid()), "--duration", "2s", "-o", "attach.jfr");
            assertEquals(0, attach.exitCode(), attach.err());
        } finally {
            sample.destroyForcibly();
            sample.waitFor(10, TimeUnit.SECONDS);
        }
        for (String recording : List.of("run.jfr", "attach.jfr")) {
            String fast = jsonReport(recording, "fast"), reference = jsonReport(recording, "jdk");
            assertTrue(reference.contains("allocateLargeArrays"), reference);
            assertEquals(reference, fast, recording);
        }
    }

    @TargetJdks
    void asyncProfilerRecordingsReportTheSameWithBothReaders(String jdk) throws Exception {
        for (String engine : List.of("--engine=async-profiler", "--native")) {
            var run = MemprofProcess.memprof(dir, "run", engine, "-o", "ap.jfr", "--force", "--", MemprofProcess.java(jdk), TargetJdk.C1_ONLY, "-cp",
                    MemprofProcess.samplesClasses(), "dev.memprof.samples.AllocationSites", "2");
            assertEquals(0, run.exitCode(), run.err());
            String fast = jsonReport("ap.jfr", "fast"), reference = jsonReport("ap.jfr", "jdk");
            assertTrue(reference.contains("allocateLargeArrays"), reference);
            assertEquals(reference, fast, engine);
            if (engine.equals("--native")) {
                String nativeFast = report("ap.jfr", "fast", "--view", "native"), nativeReference = report("ap.jfr", "jdk", "--view", "native");
                assertTrue(nativeReference.contains("malloc") || nativeReference.contains("native"), nativeReference);
                assertEquals(nativeReference, nativeFast, "native view");
            }
        }
    }

    private String jsonReport(String recording, String reader) throws Exception {
        String out = recording + "." + reader + ".json";
        report(recording, reader, "--format", "json", "-o", out, "--force");
        return Files.readString(dir.resolve(out));
    }

    /** The report's standard output. */
    private String report(String recording, String reader, String... options) throws Exception {
        List<String> command = MemprofProcess.command(List.of("-Dmemprof.reader=" + reader), "report", recording);
        command.addAll(List.of(options));
        var report = MemprofProcess.run(dir, command, 120);
        assertEquals(0, report.exitCode(), report.err());
        return report.out();
    }
}
