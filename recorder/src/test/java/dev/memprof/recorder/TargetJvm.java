package dev.memprof.recorder;

import dev.memprof.samples.AllocationSites;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A sample app in its own JVM, for tests; killed on close. */
final class TargetJvm implements AutoCloseable {
    final Process process;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    final StringBuffer output = new StringBuffer();

    /** The JDKs memprof must record: the one running the tests (17) and the one named by memprof.jdk25. */
    static Stream<Path> jdks() {
        List<Path> jdks = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"))));
        String jdk25 = System.getProperty("memprof.jdk25");
        if (jdk25 != null && Files.isDirectory(Path.of(jdk25))) jdks.add(Path.of(jdk25));
        return jdks.stream();
    }

    static Path java(Path jdk) {
        return jdk.resolve("bin/java");
    }

    /** The samples' classes folder or jar, as the target's class path. */
    static Path samplesClasses() {
        try {
            return Path.of(AllocationSites.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The samples' code source, as the agent reports it. */
    static String samplesLocation() {
        return AllocationSites.class.getProtectionDomain().getCodeSource().getLocation().toString();
    }

    /** Starts {@code <jdk>/bin/java [jvmOptions] -cp <samples> <mainClass> [args]} and waits until it is ready. */
    static TargetJvm start(Path jdk, List<String> jvmOptions, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(jdk).toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", samplesClasses().toString(), mainClass));
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

    long pid() {
        return process.pid();
    }

    /** The output of {@code <jdk>/bin/jcmd <pid> <command>}. */
    static String jcmd(Path jdk, long pid, String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of(jdk.resolve("bin/jcmd").toString(), Long.toString(pid)));
        full.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    static List<RecordedEvent> events(Path recording, String type) throws IOException {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals(type)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
