package dev.memprof.recorder;

import dev.memprof.testsupport.TargetJdks;
import dev.memprof.testsupport.TargetJvm;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class JvmProcessesTest {
    @TargetJdks
    void listsARunningJvmWithoutAttaching(String jdk) throws Exception {
        try (TargetJvm target = TargetJvm.start(jdk, List.of(), AttachedRecordingTest.SITES, "30")) {
            JvmProcesses.Jvm jvm = JvmProcesses.list().stream().filter(j -> j.pid() == target.pid())
                    .findFirst().orElseThrow();
            assertEquals(AttachedRecordingTest.SITES, jvm.main());
            assertTrue(jvm.javaVersion().startsWith(jdk), jvm.javaVersion());
            assertTrue(jvm.rss() > 0 && jvm.heapCommitted() > 0 && jvm.heapUsed() >= 0, jvm.toString());
            assertTrue(jvm.heapUsed() <= jvm.heapCommitted(), jvm.toString());
            assertTrue(JvmProcesses.list().stream().noneMatch(j -> j.pid() == ProcessHandle.current().pid()));

            // by name: other test runs on this machine may run the same sample
            try {
                assertEquals(target.pid(), JvmProcesses.resolve("AllocationSites").pid());
            } catch (RecorderException several) {
                assertTrue(several.getMessage().contains("several JVMs match") &&
                        several.getMessage().contains(Long.toString(target.pid())), several.getMessage());
            }
            assertEquals(target.pid(), JvmProcesses.resolve(Long.toString(target.pid())).pid());
        }
    }

    @Test
    void refusesPidsThatAreNotJvmsWithoutSignallingThem() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            RecorderException e = assertThrows(RecorderException.class, () -> JvmProcesses.requireJvm(sleep.pid()));
            assertEquals("pid " + sleep.pid() + " (sleep) is not a JVM; `memprof ps` lists the JVMs",
                    e.getMessage());
            assertTrue(sleep.isAlive());
            assertThrows(RecorderException.class, () -> JvmProcesses.requireJvm(1));
        } finally {
            sleep.destroyForcibly();
            sleep.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesPidsThatDoNotExist() {
        long pid = 99_999_999; // above any pid_max
        RecorderException e = assertThrows(RecorderException.class, () -> JvmProcesses.requireJvm(pid));
        assertEquals("no process with pid 99999999; `memprof ps` lists the JVMs", e.getMessage());
    }

    @Test
    void namesTheMainClassJarOrSourceFile() {
        assertEquals("com.foo.Main", JvmProcesses.main("com.foo.Main --port 80"));
        assertEquals("app-1.2.jar", JvmProcesses.main("/opt/app/app-1.2.jar --port 80"));
        assertEquals("Hello.java", JvmProcesses.main("jdk.compiler/com.sun.tools.javac.launcher.Main /tmp/Hello.java a"));
    }
}
