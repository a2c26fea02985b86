package dev.memprof.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The programs that read memprof's export formats in tests, from npm (src/test/npm: speedscope, pprof-format, ajv at
 * the versions its package-lock.json pins), installed with {@code npm ci} into target/npm once per build; npm's cache
 * (~/.npm) makes a reinstall a few seconds. No node or npm fails the test and says how to get them.
 */
final class NodeTools {
    static final Path DIR = Path.of("target", "npm").toAbsolutePath();
    private static final Path SOURCE = Path.of("src", "test", "npm");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "pprof-decode.mjs", "speedscope-validate.mjs");
    private static boolean installed;

    private NodeTools() {}

    /** The folder of the installed packages ({@code node_modules/speedscope/dist/release/index.html}, ...). */
    static synchronized Path install() throws Exception {
        if (installed) return DIR;
        Files.createDirectories(DIR);
        boolean sameLock = Files.exists(DIR.resolve("node_modules/.package-lock.json"))
                && Files.mismatch(SOURCE.resolve("package-lock.json"), DIR.resolve("package-lock.json")) == -1;
        for (String file : FILES) Files.copy(SOURCE.resolve(file), DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        if (!sameLock) run(300, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error");
        installed = true;
        return DIR;
    }

    /** Runs {@code node <script> args} in target/npm; returns its stdout, or fails the test with its output. */
    static String node(String script, String... args) throws Exception {
        install();
        List<String> command = new ArrayList<>(List.of("node", DIR.resolve(script).toString()));
        command.addAll(List.of(args));
        return run(120, command.toArray(String[]::new));
    }

    private static String run(int timeoutSeconds, String... command) throws Exception {
        Path out = Files.createTempFile(DIR, "out", ".txt"), err = Files.createTempFile(DIR, "err", ".txt");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).directory(DIR.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                return fail(command[0] + " not found (" + e.getMessage() + "): these tests read memprof's pprof and speedscope"
                        + " files with npm packages; install Node.js and npm (apt-get install -y nodejs npm; .ci/run does)");
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                fail(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + stdout + Files.readString(err));
            }
            return stdout;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
