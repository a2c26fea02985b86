package dev.memprof.recorder;

import dev.memprof.testsupport.TargetJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule for a target's JDK. Only JDK 17 and 25 are installed here (no older JDK is packaged for this
 * machine), so a real JVM stands in for an old one by the version memprof read for it.
 */
class TargetJdkTest {
    @TempDir
    Path dir;

    @Test
    void featureReleaseOfJavaVersions() {
        assertEquals(8, TargetJdk.feature("1.8.0_392"));
        assertEquals(11, TargetJdk.feature("11.0.2"));
        assertEquals(15, TargetJdk.feature("15"));
        assertEquals(17, TargetJdk.feature("17.0.15"));
        assertEquals(25, TargetJdk.feature("25-ea"));
        assertEquals(25, TargetJdk.feature("25.0.3+9-LTS"));
        assertEquals(-1, TargetJdk.feature(""));
        assertEquals(-1, TargetJdk.feature(null));
        assertEquals(-1, TargetJdk.feature("?"));
    }

    @Test
    void attachRefusesAJdkWithoutAllocationSamplesBeforeTouchingIt() throws Exception {
        String jdk = "17";
        try (TargetJvm target = TargetJvm.start(jdk, List.of(), "dev.memprof.samples.AllocationSites", "30")) {
            JvmProcesses.Jvm real = JvmProcesses.requireJvm(target.pid());
            for (String old : List.of("1.8.0_392", "11.0.2", "15.0.1")) {
                JvmProcesses.Jvm jvm = new JvmProcesses.Jvm(real.pid(), real.main(), real.command(), old, -1, -1, -1);
                RecorderException e = assertThrows(RecorderException.class,
                        () -> AttachedRecording.start(jvm, dir.resolve("out.jfr"), Duration.ofSeconds(1)));
                assertEquals("pid " + target.pid() + " runs Java " + old + "; memprof attach needs Java 16 or later"
                        + " (for JFR's jdk.ObjectAllocationSample)", e.getMessage());
            }
            assertFalse(Files.exists(dir.resolve("out.jfr.part")));
            assertTrue(TargetJvm.jcmd(jdk, target.pid(), "JFR.check").contains("No available recordings"));
            // the version unknown (-XX:-UsePerfData): tried
            JvmProcesses.Jvm unknown = new JvmProcesses.Jvm(real.pid(), real.main(), real.command(), "", -1, -1, -1);
            AttachedRecording recording = AttachedRecording.start(unknown, dir.resolve("out.jfr"), Duration.ofMillis(200));
            recording.awaitEnd();
            assertTrue(Files.size(recording.finish()) > 0);
        }
    }
}
