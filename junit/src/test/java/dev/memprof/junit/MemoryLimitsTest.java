package dev.memprof.junit;

import dev.memprof.junit.fixtures.AllocationFixture;
import dev.memprof.junit.fixtures.RetainedFixture;
import dev.memprof.testsupport.TargetJdk;
import dev.memprof.testsupport.TargetJdks;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fixtures, run through the JUnit Launcher in a JVM of each target JDK (as Surefire runs a user's tests): the
 * tests that must fail fail, with the message docs/memory-limits-in-tests.md shows, and those that must pass pass.
 */
class MemoryLimitsTest {
    /** One test's outcome: "SUCCESSFUL" or "FAILED", its time and its failure message. */
    record Outcome(String status, double millis, String message) {
    }

    @TargetJdks
    void limitsHoldOnEachJdk(String jdk) throws Exception {
        Map<String, Outcome> outcomes = run(jdk, AllocationFixture.class.getName(), RetainedFixture.class.getName());

        Outcome allocates30 = outcomes.get("allocates30MiB");
        assertEquals("FAILED", allocates30.status(), allocates30.message());
        // 30 MiB in 480 arrays of 64 KiB and 16 bytes of header, plus JUnit's call of the method (64 B on 17; on 25
        // 1,104 to 2,536: a first call through a method handle allocates more): exact to within one small limit
        assertBetween(480 * (64 * 1024 + 16), 480 * (64 * 1024 + 16) + 16 * 1024, allocated(allocates30.message()));
        assertTrue(allocates30.message().startsWith("java.lang.AssertionError: @MaxAllocation(\"24 MiB\") exceeded: the test allocated 30.0 MiB"),
                allocates30.message());
        assertTrue(allocates30.message().contains("at dev.memprof.junit.fixtures.AllocationFixture.fillBuffers:"), allocates30.message());
        assertEquals("SUCCESSFUL", outcomes.get("allocates10MiB").status(), outcomes.get("allocates10MiB").message());
        Outcome inThread = outcomes.get("allocates30MiBInAThreadItStarts");
        assertEquals("FAILED", inThread.status(), inThread.message());
        assertTrue(inThread.message().contains("AllocationFixture.fillBuffers"), inThread.message());
        // the thread's 30 MiB, plus what starting a thread and a lambda's first call allocate (up to 160 KiB on 25)
        assertBetween(480 * (64 * 1024 + 16), 480 * (64 * 1024 + 16) + 256 * 1024, allocated(inThread.message()));
        assertTrue(outcomes.get("hasABadSize").message().contains("@MaxAllocation(\"24 mb\"): not a size"),
                outcomes.get("hasABadSize").message());
        assertEquals("SUCCESSFUL", outcomes.get("allocatesNothing").status(), outcomes.get("allocatesNothing").message());

        Outcome leak = outcomes.get("leaks2MiB");
        assertEquals("FAILED", leak.status(), leak.message());
        assertTrue(leak.message().contains("static field dev.memprof.junit.fixtures.RetainedFixture.LEAKED_BUFFERS, a java.util.ArrayList"),
                leak.message());
        assertTrue(leak.message().contains("at dev.memprof.junit.fixtures.RetainedFixture.leaks2MiB:"), leak.message());
        for (int repetition = 1; repetition <= 20; repetition++) {
            Outcome garbage = outcomes.get("makes50MiBOfGarbage#" + repetition);
            assertEquals("SUCCESSFUL", garbage.status(), "repetition " + repetition + ": " + garbage.message());
        }
        assertEquals("SUCCESSFUL", outcomes.get("fillsACacheOnce").status(), outcomes.get("fillsACacheOnce").message());
    }

    private static final Pattern ALLOCATED = Pattern.compile("the test allocated [^(]+\\(([\\d,]+) bytes\\)");

    private static long allocated(String message) {
        Matcher m = ALLOCATED.matcher(message);
        assertTrue(m.find(), message);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static void assertBetween(long least, long most, long actual) {
        assertTrue(actual >= least && actual <= most, actual + " not in [" + least + ", " + most + "]");
    }

    /** Runs the fixture classes in JDK {@code jdk}'s JVM; their outcomes by test name ("method" or "method#repetition"). */
    static Map<String, Outcome> run(String jdk, String... fixtures) throws Exception {
        Path recordings = Files.createTempDirectory("memprof-junit-test");
        List<String> command = new ArrayList<>(List.of(TargetJdk.java(jdk).toString(),
                "-Dmemprof.junit.recordings=" + recordings, "-cp", System.getProperty("java.class.path"),
                FixtureLauncher.class.getName()));
        command.addAll(List.of(fixtures));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "fixtures did not finish");
        } finally {
            process.destroyForcibly();
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (!line.startsWith("RESULT ")) continue;
            String[] parts = line.split(" ", 5);
            outcomes.put(parts[1], new Outcome(parts[2], Double.parseDouble(parts[3]), parts[4].replace("\\n", "\n")));
        }
        System.out.println("JDK " + jdk + ":\n" + output);
        assertTrue(outcomes.size() >= 26, "fixtures printed:\n" + output);
        return outcomes;
    }
}
