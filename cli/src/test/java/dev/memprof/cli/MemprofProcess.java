package dev.memprof.cli;

import dev.memprof.testsupport.Samples;
import dev.memprof.testsupport.TargetJdk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real memprof jar (or a sample JVM) as a user would, and always stops what it started. */
final class MemprofProcess {
    record Result(int exitCode, String out, String err) {}

    static Path jar() {
        return Path.of(System.getProperty("memprof.jar", "target/memprof.jar"));
    }

    /**
     * The JVM options the {@code memprof} launcher gives the CLI (its {@code flags=(...)}: C1 only, Serial GC, a small
     * heap): tests run the CLI's JVM as users get it, and C2 and G1 would double the CPU of each short command.
     */
    static final List<String> LAUNCHER_FLAGS = launcherFlags();

    private static List<String> launcherFlags() {
        try {
            Matcher flags = Pattern.compile("(?m)^flags=\\(([^)]*)\\)").matcher(Files.readString(Path.of("..", "memprof")));
            if (!flags.find()) throw new AssertionError("the launcher's flags=(...) line");
            return List.of(flags.group(1).trim().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java <launcher flags> <jvmOptions> -jar memprof.jar <args>} on JDK 17: a command to add to or run. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(List.of(java("17")));
        command.addAll(LAUNCHER_FLAGS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** JDK {@code jdk}'s java ("17" or "25"), for a command line. */
    static String java(String jdk) {
        return TargetJdk.java(jdk).toString();
    }

    /** The samples' class path, for a command line. */
    static String samplesClasses() {
        return Samples.classPath().toString();
    }

    static Result memprof(Path dir, String... args) throws Exception {
        return run(dir, command(List.of(), args), 120);
    }

    /**
     * A prefix that starts a command with SIGINT at its default, as a terminal gives it: a suite started with SIGINT
     * ignored (a script's background job, nohup) passes that on, and a JVM never sees a Ctrl-C then.
     */
    static final List<String> SIGINT_DEFAULT = List.of("env", "--default-signal=INT");

    /** Runs a command as user nobody (memprof's tests run as root, who may read and attach to anything). */
    static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

    /** memprof with options for its own JVM (e.g. a small -Xmx), after a command prefix (e.g. {@link #AS_NOBODY}). */
    static Result memprof(Path dir, List<String> prefix, List<String> jvmOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(command(jvmOptions, args));
        return run(dir, command, 120);
    }

    static Result run(Path dir, List<String> command, int timeoutSeconds) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        try {
            CompletableFuture<String> out = readAsync(process.getInputStream());
            CompletableFuture<String> err = readAsync(process.getErrorStream());
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) throw new AssertionError("timed out: " + command);
            return new Result(process.exitValue(), out.get(), err.get());
        } finally {
            process.destroyForcibly();
        }
    }

    static CompletableFuture<String> readAsync(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** Asks an AllocationSites sample to end its run now, at the end of its round, printing its truth as at its time. */
    static void stopSample(Process sample) throws IOException {
        sample.getOutputStream().write("stop\n".getBytes(StandardCharsets.UTF_8));
        sample.getOutputStream().flush();
    }

    /** Starts a sample JVM (C1 only: see {@link TargetJdk#C1_ONLY}) and waits until it is ready; the caller stops it. */
    static Process startSample(String jdk, String... args) throws Exception {
        return startMain(jdk, "dev.memprof.samples.AllocationSites", args);
    }

    /** As {@link #startSample(String, String...)}, for any sample that prints "memprof-sample ready" first. */
    static Process startMain(String jdk, String mainClass, String... args) throws Exception {
        return startMain(jdk, List.of(TargetJdk.C1_ONLY), mainClass, args);
    }

    /** {@code java <jvmOptions> -cp <samples> <mainClass> <args>}, the JVM's default JIT unless the options say otherwise. */
    static Process startMain(String jdk, List<String> jvmOptions, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(jdk)));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", samplesClasses(), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = lines.readLine();
        if (!"memprof-sample ready".equals(line)) {
            process.destroyForcibly();
            throw new AssertionError("sample did not start: " + line);
        }
        return process;
    }
}
