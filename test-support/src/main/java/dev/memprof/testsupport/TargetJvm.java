package dev.memprof.testsupport;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A sample app in its own JVM, started and ready (it printed "memprof-sample ready"), for tests; killed on close. */
public final class TargetJvm implements AutoCloseable {
    public final Process process;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** What it printed so far (stdout and stderr). */
    public final StringBuffer output = new StringBuffer();

    /**
     * Starts JDK {@code jdk}'s {@code java -XX:TieredStopAtLevel=1 [jvmOptions] -cp <samples> <mainClass> [args]} (see
     * {@link TargetJdk#C1_ONLY}) and waits until it is ready.
     */
    public static TargetJvm start(String jdk, List<String> jvmOptions, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(TargetJdk.java(jdk).toString(), TargetJdk.C1_ONLY));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", Samples.classPath().toString(), mainClass));
        command.addAll(List.of(args));
        TargetJvm target = new TargetJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
        try {
            target.ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            target.close();
            throw new AssertionError("target did not start: " + target.output, e);
        }
        return target;
    }

    private TargetJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (line.contains("memprof-sample ready")) ready.complete(null);
                }
            } catch (IOException ignored) {
                // process gone
            }
            ready.completeExceptionally(new IllegalStateException("exited"));
        }, "target-output");
        reader.setDaemon(true);
        reader.start();
    }

    public long pid() {
        return process.pid();
    }

    /** The output of JDK {@code jdk}'s {@code jcmd <pid> <command>}. */
    public static String jcmd(String jdk, long pid, String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of(TargetJdk.home(jdk).resolve("bin/jcmd").toString(), Long.toString(pid)));
        full.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    public static List<RecordedEvent> events(Path recording, String type) throws IOException {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals(type)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
