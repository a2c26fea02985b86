package dev.memprof.recorder;

import dev.memprof.testsupport.Samples;
import dev.memprof.testsupport.TargetJdks;
import dev.memprof.testsupport.TargetJvm;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.memprof.testsupport.TargetJvm.events;
import static dev.memprof.testsupport.TargetJvm.jcmd;
import static org.junit.jupiter.api.Assertions.*;

class AttachedRecordingTest {
    static final String SITES = "dev.memprof.samples.AllocationSites";

    @TempDir
    Path dir;

    @TargetJdks
    void recordsARunningJvmAndLeavesNothingRunningInIt(String jdk) throws Exception {
        try (TargetJvm target = TargetJvm.start(jdk, List.of(), SITES, "30")) {
            long started = System.nanoTime();
            AttachedRecording recording = attach(target, Duration.ofSeconds(2));
            long attached = System.nanoTime();
            assertEquals(AttachedRecording.Ending.DURATION, recording.awaitEnd());
            long ended = System.nanoTime();
            Path jfr = recording.finish();
            System.out.printf("%s: start %d ms, finish %d ms%n", jdk, (attached - started) / 1_000_000,
                    (System.nanoTime() - ended) / 1_000_000);

            assertTrue(recording.agentProblem().isEmpty(), recording.agentProblem().toString());
            assertEquals(dir.resolve("out.jfr"), jfr);
            assertFalse(Files.exists(dir.resolve("out.jfr.part")));
            List<RecordedEvent> samples = events(jfr, "jdk.ObjectAllocationSample");
            assertFalse(samples.isEmpty());
            // JFR records no stack when a stack walk fails; that must stay rare
            List<RecordedEvent> stackless = samples.stream()
                    .filter(e -> e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()).toList();
            assertTrue(stackless.size() * 20 <= samples.size(), stackless.size() + " of " + samples.size() + ": " + stackless);
            RecordedEvent sites = events(jfr, "memprof.ClassSource").stream()
                    .filter(e -> e.getString("className").equals(SITES)).findFirst().orElseThrow();
            assertTrue(sites.getBoolean("inventory"));
            assertEquals(Samples.location(), sites.getString("location"));
            assertEquals("app", sites.getString("loader"));

            assertTrue(target.process.isAlive(), target.output.toString());
            // JEP 451 (JDK 21+): one warning per agent load; memprof loads it once
            assertTrue(target.output.toString().split("A Java agent has been loaded dynamically", -1).length <= 2,
                    target.output.toString());
            assertFalse(jcmd(jdk, target.pid(), "JFR.check").contains("memprof"));
            // The agent's transformer and listener are gone: a later recording gets no memprof events.
            Path probe = dir.resolve("probe.jfr");
            jcmd(jdk, target.pid(), "JFR.start", "name=probe", "filename=" + probe);
            jcmd(jdk, target.pid(), "JFR.stop", "name=probe");
            assertTrue(events(probe, "memprof.ClassSource").isEmpty());
        }
    }

    @TargetJdks
    void theFileIsWrittenWhenTheTargetExitsDuringTheRecording(String jdk) throws Exception {
        try (TargetJvm target = TargetJvm.start(jdk, List.of(), SITES, "30")) {
            AttachedRecording recording = attach(target, Duration.ofMinutes(1));
            sleep(500);
            target.process.destroy(); // exits (SIGTERM) once recorded, however long attaching took on a loaded machine
            assertEquals(AttachedRecording.Ending.TARGET_EXITED, recording.awaitEnd());
            Path jfr = recording.finish();
            assertFalse(events(jfr, "jdk.ObjectAllocationSample").isEmpty());
            assertFalse(events(jfr, "memprof.ClassSource").isEmpty());
        }
    }

    @TargetJdks
    void aStopRequestFromAnotherThreadEndsTheRecording(String jdk) throws Exception {
        try (TargetJvm target = TargetJvm.start(jdk, List.of(), SITES, "30")) {
            AttachedRecording recording = attach(target, null);
            new Thread(() -> {
                sleep(1000);
                recording.requestStop();
            }).start();
            assertEquals(AttachedRecording.Ending.STOPPED, recording.awaitEnd());
            assertFalse(events(recording.finish(), "jdk.ObjectAllocationSample").isEmpty());
            assertTrue(target.process.isAlive());
        }
    }

    @Test
    void aTargetThatRefusesAgentsIsRecordedWithoutTheAgent() throws Exception {
        String jdk = "25"; // a JDK 21+
        try (TargetJvm target = TargetJvm.start(jdk, List.of("-XX:-EnableDynamicAgentLoading"), SITES, "30")) {
            AttachedRecording recording = attach(target, Duration.ofSeconds(1));
            assertTrue(recording.agentProblem().isPresent());
            System.out.println("agent problem: " + recording.agentProblem().get());
            recording.awaitEnd();
            Path jfr = recording.finish();
            assertFalse(events(jfr, "jdk.ObjectAllocationSample").isEmpty());
            assertTrue(events(jfr, "memprof.ClassSource").isEmpty());
            assertTrue(target.process.isAlive());
            assertFalse(jcmd(jdk, target.pid(), "JFR.check").contains("memprof"));
        }
    }

    /** The safety net (or someone's jcmd JFR.stop) ended the recording before memprof did: JFR wrote it, memprof takes it. */
    @Test
    void aRecordingEndedInTheTargetBeforeMemprofStopsItIsStillWritten() throws Exception {
        String jdk = "17";
        try (TargetJvm target = TargetJvm.start(jdk, List.of(), SITES, "30")) {
            AttachedRecording recording = attach(target, null);
            sleep(500);
            String stopped = jcmd(jdk, target.pid(), "JFR.stop", "name=memprof-" + ProcessHandle.current().pid());
            assertTrue(stopped.contains("Stopped recording"), stopped);
            recording.requestStop();
            assertEquals(AttachedRecording.Ending.STOPPED, recording.awaitEnd());
            assertFalse(events(recording.finish(), "jdk.ObjectAllocationSample").isEmpty());
            assertFalse(jcmd(jdk, target.pid(), "JFR.check").contains("memprof"));
        }
    }

    private AttachedRecording attach(TargetJvm target, Duration duration) {
        return AttachedRecording.start(JvmProcesses.requireJvm(target.pid()), dir.resolve("out.jfr"), duration);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
