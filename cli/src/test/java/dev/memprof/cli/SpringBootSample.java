package dev.memprof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Spring Boot sample (samples/spring-boot, a bookshop) as tests run it: {@code java -jar} on its fat jar, on a free
 * port, with the switches that plant a known truth. Build one with {@link #plantAll()} or {@link #plain()}, add
 * switches, then take {@link #command(String)} (to hand to {@code memprof run}) or {@link #start(String)}.
 */
final class SpringBootSample {
    /** The jars of the planted libraries, as memprof names them (nested in BOOT-INF/lib). */
    static final String ICU = "icu4j-76.1.jar", JSOUP = "jsoup-1.16.1.jar";
    /** jsoup is used on 1 request in this many (SanitizingFilter.EVERY). */
    static final int JSOUP_EVERY = 500;
    static final String READY = "memprof-sample ready";
    static final String PACKAGE = "dev.memprof.samples.springboot.";

    final int port;
    private final Map<String, String> plants = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();

    private SpringBootSample(int port) {
        this.port = port;
    }

    /** No truth planted: the bookshop alone. */
    static SpringBootSample plain() throws IOException {
        return new SpringBootSample(freePort());
    }

    /** ICU4J initialised and never used, jsoup used on 1 request in 500. */
    static SpringBootSample plantAll() throws IOException {
        return plain().plant("unused", "true").plant("rare", "true");
    }

    /** memprof.plant.&lt;name&gt;=value: unused, rare (true), startupHeap, leakPerRequest (bytes). */
    SpringBootSample plant(String name, String value) {
        plants.put(name, value);
        return this;
    }

    /**
     * C1 only ({@code -XX:TieredStopAtLevel=1}, what Spring Boot's Maven plugin gives {@code spring-boot:run}): under
     * memprof run the sample's startup took 27 CPU-s instead of 61 on two cores. For tests whose truth does not depend on
     * the JIT (what is retained, leaked, loaded): every Spring Boot test. The default JIT is under test with smaller
     * samples (see TargetJdk.C1_ONLY).
     */
    SpringBootSample quickStart() {
        return jvmOption("-XX:TieredStopAtLevel=1");
    }

    /** Options for the sample's JVM (e.g. -Xmx256m, -Xlog:...), before -jar. */
    SpringBootSample jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("memprof.springBootJar", "../samples/spring-boot/target/memprof-sample-spring-boot.jar"));
        if (!Files.isRegularFile(jar)) throw new AssertionError("the Spring Boot sample is not built: " + jar.toAbsolutePath());
        return jar.toAbsolutePath();
    }

    /** {@code java <options> -Dserver.port=... -Dmemprof.plant.*=... -jar <fat jar>} on the given JDK ("17" or "25"). */
    List<String> command(String jdk) {
        List<String> command = new ArrayList<>(List.of(MemprofProcess.java(jdk)));
        command.addAll(jvmOptions);
        command.add("-Dserver.port=" + port);
        plants.forEach((name, value) -> command.add("-Dmemprof.plant." + name + "=" + value));
        command.addAll(List.of("-jar", jar().toString()));
        return command;
    }

    /** 200 from here once the catalogue is seeded and the app is ready (503 before). */
    String healthUrl() {
        return url("/actuator/health");
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Starts the sample (output to the given file) and waits until it is ready; the caller stops it. */
    Process start(String jdk, Path log) throws Exception {
        Process app = new ProcessBuilder(command(jdk)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitHealthy(Duration.ofSeconds(120), app);
            return app;
        } catch (Throwable e) {
            app.destroyForcibly();
            throw e;
        }
    }

    /** Waits for a 2xx from {@link #healthUrl()}; fails if the process dies or the time runs out. */
    void awaitHealthy(Duration timeout, Process app) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(healthUrl())).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (app != null && !app.isAlive()) throw new AssertionError("the sample exited with " + app.exitValue());
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the sample was not healthy within " + timeout + ": " + healthUrl());
    }

    /** The HTTP load a recording is made under: one {@link HttpLoad} result per phase, in order. */
    interface Load {
        List<HttpLoad.Result> send() throws Exception;
    }

    /** What {@link #recordUnderLoad} got: memprof's exit code and output (the app's passes through), each load phase's counts. */
    record Recorded(int exitCode, String output, List<HttpLoad.Result> loads) {
    }

    /**
     * {@code memprof run --ready-when-http <health> <memprofOptions> -- <this sample>} in {@code dir}, then the
     * {@code load} once the app is ready, then SIGTERM to memprof, which stops the app and writes the recording (name it
     * with {@code -o} in the options).
     */
    Recorded recordUnderLoad(Path dir, String jdk, Load load, String... memprofOptions) throws Exception {
        List<String> command = MemprofProcess.command(List.of(), "run", "--ready-when-http", healthUrl());
        command.addAll(List.of(memprofOptions));
        command.add("--");
        command.addAll(command(jdk));
        Path log = Files.createTempFile(dir, "memprof-run", ".log");
        Process memprof = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            try {
                awaitHealthy(Duration.ofSeconds(180), memprof);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; memprof run's output:\n" + Files.readString(log), e);
            }
            List<HttpLoad.Result> results = load.send();
            memprof.destroy(); // SIGTERM: memprof stops the app and writes the file
            if (!memprof.waitFor(120, TimeUnit.SECONDS)) throw new AssertionError("memprof run did not stop: " + Files.readString(log));
            return new Recorded(memprof.exitValue(), Files.readString(log), results);
        } finally {
            memprof.descendants().forEach(ProcessHandle::destroyForcibly);
            memprof.destroyForcibly();
        }
    }

    /** memprof's JSON report of {@code recording} in {@code dir} (kept there as {@code <recording>.json}). */
    static JsonNode jsonReport(Path dir, String recording) throws Exception {
        return jsonReport(dir, recording, recording + ".json");
    }

    /** memprof's JSON report of {@code recording} in {@code dir}, kept there as {@code output}, with more report options. */
    static JsonNode jsonReport(Path dir, String recording, String output, String... options) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("report", recording, "--format", "json", "-o", output));
        arguments.addAll(List.of(options));
        var report = MemprofProcess.memprof(dir, arguments.toArray(String[]::new));
        if (report.exitCode() != 0) throw new AssertionError("memprof report failed: " + report.err());
        return new ObjectMapper().readTree(dir.resolve(output).toFile());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
