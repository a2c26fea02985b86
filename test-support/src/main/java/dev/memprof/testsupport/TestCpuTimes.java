package dev.memprof.testsupport;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Appends one line per test class to {@code target/test-cpu.tsv}: wall seconds and the CPU seconds of this JVM and of
 * every process it started (target JVMs, memprof's CLI, Chromium). The suite is CPU-bound on two cores, so CPU, not
 * wall time, says which class to make cheaper; wall times of classes run side by side overlap.
 * Children's CPU counts once they are reaped (Java reaps every child; memprof's CLI reaps its targets).
 * Registered for every module's tests through META-INF/services; does nothing where /proc is missing.
 */
public final class TestCpuTimes implements TestExecutionListener {
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path OUT = Path.of("target", "test-cpu.tsv");
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Map<String, long[]> started = new HashMap<>();

    @Override
    public void executionStarted(TestIdentifier test) {
        String name = className(test);
        if (name != null) started.put(name, new long[] {System.nanoTime(), cpuTicks()});
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        String name = className(test);
        long[] start = name == null ? null : started.remove(name);
        if (start == null || start[1] < 0) return;
        double wall = (System.nanoTime() - start[0]) / 1e9, cpu = (cpuTicks() - start[1]) / TICKS_PER_SECOND;
        String line = String.format("%s\t%.1f\t%.1f%n", name, wall, cpu);
        try {
            Files.createDirectories(OUT.getParent());
            Files.writeString(OUT, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("test-cpu.tsv not written: " + e);
        }
    }

    private static String className(TestIdentifier test) {
        return test.getSource().filter(ClassSource.class::isInstance).map(s -> ((ClassSource) s).getClassName()).orElse(null);
    }

    /** utime + stime + cutime + cstime of this process, in clock ticks; -1 without /proc. */
    private static long cpuTicks() {
        try {
            String stat = Files.readString(STAT);
            // fields after the command name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
