package dev.memprof.cli;

import dev.memprof.analysis.ProfileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.memprof.cli.MemprofProcess.memprof;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A JVM in a container as Docker and Kubernetes make one, reduced to what matters here: its own pid and mount
 * namespaces and a private /tmp (a tmpfs). memprof, as root on the host, attaches by the host pid: everything it hands
 * the JVM must be where the JVM sees it, and nothing of memprof's stays in the container afterwards.
 */
class ContainerAttachIT {
    /** AllocationSites' byte budget per site, in percent: it holds in any window of its run. */
    static final Map<String, Double> DESIGNED_SHARES = Map.of("allocateLargeArrays", 60.0, "allocateSmallArrays", 25.0,
            "allocateStrings", 10.0, "allocateTinyObjects", 5.0);

    @TempDir
    Path dir;

    @Test
    void attachByHostPidRecordsTheWorkloadWithBothEnginesAndLeavesNothingInTheContainersTmp() throws Exception {
        try (Container container = Container.start(dir, "")) {
            for (String engine : List.of("jfr", "async-profiler")) {
                var attach = memprof(dir, "attach", Long.toString(container.pid), "--engine", engine, "--duration", "3s",
                        "-o", engine + ".jfr");
                assertEquals(0, attach.exitCode(), engine + ": " + attach.err());
                Map<String, Double> shares = AsyncProfilerEngineIT.shares(dir, dir.resolve(engine + ".jfr"));
                System.out.println("container, " + engine + ": " + shares);
                for (var site : DESIGNED_SHARES.entrySet()) {
                    assertEquals(site.getValue(), shares.getOrDefault(site.getKey(), 0.0), 3.0, engine + " " + site.getKey() + ": " + shares);
                }
                assertTrue(ProfileReader.read(dir.resolve(engine + ".jfr")).info().codeSources(), engine + ": the agent ran in the container");
                assertEquals(List.of(), container.memprofFilesInTmp(), engine + ": nothing of memprof's left in the container's /tmp");
                try (Stream<Path> files = Files.list(dir)) {
                    assertTrue(files.noneMatch(f -> f.toString().endsWith(".part") || f.toString().endsWith(".log")), "no part left");
                }
            }
            assertTrue(container.process.isAlive());
        }
    }

    /** A read-only /tmp (a container with a read-only root filesystem and no tmpfs): one line saying so. */
    @Test
    void aReadOnlyTmpInTheContainerIsOneLine() throws Exception {
        try (Container container = Container.start(dir, "-o ro")) {
            AttachErrorsIT.assertOneLineError(memprof(dir, "attach", Long.toString(container.pid), "--duration", "1s"), "attach",
                    "the target's filesystem is read-only");
        }
    }

    /** The sample in new pid and mount namespaces with a tmpfs on /tmp, mounted with {@code mountOptions}. */
    record Container(Process process, long pid) implements AutoCloseable {
        static Container start(Path dir, String mountOptions) throws Exception {
            assumeTrue(System.getProperty("user.name").equals("root"), "needs root, to make namespaces and attach into them");
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare (util-linux)");
            assumeTrue(Files.isDirectory(Path.of("/mnt")), "needs /mnt, where the container sees the samples");
            // the samples' folder bound at /mnt first: the build may be under /tmp, which the container's tmpfs hides
            Path samples = Path.of(MemprofProcess.samplesClasses());
            Process process = new ProcessBuilder("unshare", "--pid", "--fork", "--mount", "--mount-proc", "sh", "-c",
                    "mount --bind \"$1\" /mnt && mount -t tmpfs " + mountOptions + " tmpfs /tmp"
                            + " && exec \"$0\" -cp \"/mnt/$2\" dev.memprof.samples.AllocationSites 120",
                    MemprofProcess.java("17"), samples.getParent().toString(), samples.getFileName().toString())
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            for (String line; !said.toString().contains("memprof-sample ready") && (line = lines.readLine()) != null; ) {
                said.append(line).append('\n');
            }
            assumeTrue(!said.toString().startsWith("unshare: "), "the namespaces could not be made: " + said);
            assertTrue(said.toString().contains("memprof-sample ready"), said.toString());
            ProcessHandle jvm = process.children().findFirst().orElseThrow(() -> new AssertionError("no JVM in the container"));
            return new Container(process, jvm.pid());
        }

        /**
         * What is in the container's /tmp, seen from the host, but for what its JVM makes there itself: its counters
         * (hsperfdata), its attach socket, and JFR's repository (chunks of running recordings, made when JFR first starts,
         * removed by the JVM at its exit), which must be empty: no chunk of memprof's recording stays.
         */
        List<String> memprofFilesInTmp() throws Exception {
            try (Stream<Path> files = Files.walk(Path.of("/proc", Long.toString(pid), "root", "tmp"))) {
                Path tmp = Path.of("/proc", Long.toString(pid), "root", "tmp");
                return files.filter(f -> !f.equals(tmp)).map(f -> tmp.relativize(f).toString())
                        .filter(name -> !name.startsWith("hsperfdata_") && !name.startsWith(".java_pid") && !name.startsWith(".attach_pid"))
                        .filter(name -> !name.matches("\\d{4}(_\\d\\d){5}_\\d+")) // the repository folder itself; its files are listed
                        .sorted().toList();
            }
        }

        @Override
        public void close() throws Exception {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
