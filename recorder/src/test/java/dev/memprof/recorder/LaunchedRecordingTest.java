package dev.memprof.recorder;

import dev.memprof.testsupport.Samples;
import dev.memprof.testsupport.TargetJdk;
import dev.memprof.testsupport.TargetJdks;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.memprof.testsupport.TargetJvm.events;
import static org.junit.jupiter.api.Assertions.*;

class LaunchedRecordingTest {
    @TempDir
    Path dir;

    private LaunchedRecording launch(String jdk, String... mainAndArgs) {
        List<String> command = new java.util.ArrayList<>(List.of(TargetJdk.java(jdk).toString(), TargetJdk.C1_ONLY, "-cp",
                Samples.classPath().toString()));
        command.addAll(List.of(mainAndArgs));
        // not inherited: the test JVM's stdout is surefire's channel
        return LaunchedRecording.start(command, dir.resolve("out.jfr"), null, null, dir.resolve("stdout.txt"), false, false, false);
    }

    @TargetJdks
    void recordsFromTheFirstClass(String jdk) throws Exception {
        LaunchedRecording run = launch(jdk, AttachedRecordingTest.SITES, "1");
        try {
            assertEquals(0, run.waitFor(), Files.readString(dir.resolve("stdout.txt")));
        } finally {
            run.requestStop();
        }
        Path jfr = run.finish();
        assertFalse(Files.exists(dir.resolve("out.jfr.part")));
        assertFalse(events(jfr, "jdk.ObjectAllocationSample").isEmpty());
        List<RecordedEvent> sources = events(jfr, "memprof.ClassSource");
        RecordedEvent sites = sources.stream()
                .filter(e -> e.getString("className").equals(AttachedRecordingTest.SITES)).findFirst().orElseThrow();
        assertFalse(sites.getBoolean("inventory"));
        assertEquals(Samples.location(), sites.getString("location"));
        assertTrue(sites.getString("location").startsWith("file:"));
        // classes loaded before the recording started come from the inventory
        assertTrue(sources.stream().anyMatch(e -> e.getBoolean("inventory")
                && e.getString("className").equals("java.lang.Object") && "jrt:/java.base".equals(e.getString("location"))));
    }

    /** With a startup rule the live-set GCs begin at startup's end: a GC every second or two is no part of a startup. */
    @Test
    void theLiveSetGcsBeginAtStartupsEnd() throws Exception {
        List<String> command = List.of(TargetJdk.java("17").toString(), TargetJdk.C1_ONLY, "-cp", Samples.classPath().toString(),
                "dev.memprof.samples.SteadyService", "8");
        // 4 s: on a busy machine a JVM took over 2 s to start recording, and a mark before that is not recorded
        StartupRule afterFourSeconds = new StartupRule.AfterTime(java.time.Duration.ofSeconds(4));
        LaunchedRecording run = LaunchedRecording.start(command, dir.resolve("out.jfr"), afterFourSeconds, null,
                dir.resolve("stdout.txt"), false, false, true);
        try {
            assertEquals(0, run.waitFor(), Files.readString(dir.resolve("stdout.txt")));
        } finally {
            run.requestStop();
        }
        Path jfr = run.finish();
        java.time.Instant startupEnd = events(jfr, "memprof.Startup").get(0).getStartTime();
        List<RecordedEvent> forced = events(jfr, "jdk.GarbageCollection").stream()
                .filter(e -> e.getString("cause").equals("System.gc()")).toList();
        assertFalse(forced.isEmpty(), "live-set GCs after startup");
        assertTrue(forced.stream().allMatch(e -> e.getStartTime().isAfter(startupEnd)), "none before startup's end " + startupEnd);
    }

    @TargetJdks
    void returnsTheExitCodeAndStillWritesTheFile(String jdk) throws Exception {
        LaunchedRecording run = launch(jdk, "dev.memprof.samples.ExitCode", "3");
        try {
            assertEquals(3, run.waitFor());
        } finally {
            run.requestStop();
        }
        assertFalse(events(run.finish(), "jdk.ObjectAllocationSample").isEmpty());
    }

    @Test
    void acceptsOnlyAJavaCommand() {
        RecorderException e = assertThrows(RecorderException.class,
                () -> LaunchedRecording.start(List.of("mvn", "test"), dir.resolve("out.jfr")));
        assertTrue(e.getMessage().startsWith("expected a java command"), e.getMessage());
    }
}
