package dev.memprof.cli;

import dev.memprof.analysis.Profile;
import dev.memprof.analysis.ProfileReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.tools.ToolProvider;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Another local user plants code where memprof used to put the files it hands a target (issue 16): before root's first
 * use, {@code /tmp/memprof-root} as a link to the world-writable /tmp itself, and a jar of theirs under every name
 * memprof has used for the agent, the settings and async-profiler's library. Then root records with memprof: the
 * planted code must never run in the target (it would leave a file), for run and attach, JFR and async-profiler; and
 * every file the target has open or mapped from /tmp must be root's, in a folder of root's no one else can change.
 * <p>
 * All of it happens in a private mount namespace with its own /tmp (a tmpfs, world-writable and sticky as /tmp is), so
 * the trap never touches the machine's /tmp, which other memprofs may be using meanwhile.
 */
class PlantedFilesIT {
    static final String PLANTER = "memprof-planter";
    static final String SITES = "dev.memprof.samples.AllocationSites";

    /** Outside /tmp, which the namespace replaces; readable by the planter (its files), writable by root only. */
    static Path dir;
    static Process namespace;

    @BeforeAll
    static void plantTheTrap() throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root"), "needs root: it records as root, as another user plants");
        for (String tool : List.of("/usr/sbin/useradd", "/usr/bin/unshare", "/usr/bin/nsenter", "/usr/bin/setpriv")) {
            assumeTrue(Files.isExecutable(Path.of(tool)), "needs " + tool);
        }
        int added = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PLANTER));
        assertTrue(added == 0 || added == 9, "useradd " + PLANTER + ": exit " + added); // 9: left by an earlier run
        namespace = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o mode=1777 tmpfs /tmp && echo ready && exec sleep 3600").redirectErrorStream(true).start();
        String ready = new BufferedReader(new InputStreamReader(namespace.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assumeTrue("ready".equals(ready), "unshare could not make a mount namespace: " + ready);

        assumeTrue(!Path.of("target").toAbsolutePath().startsWith("/tmp"), "the project is under /tmp, which the namespace replaces");
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "planted-files-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // the planter reads its files here
        Path jar = evilJar(dir.resolve("evil"));
        Path library = evilLibrary(dir.resolve("evil"));
        StringBuilder plant = new StringBuilder("ln -s /tmp /tmp/memprof-root");
        for (String name : plantedNames()) {
            plant.append(" && cp ").append(name.endsWith(".so") ? library : jar).append(" /tmp/").append(name);
        }
        int planted = run(inNamespace(List.of("setpriv", "--reuid=" + PLANTER, "--regid=" + PLANTER, "--clear-groups", "sh", "-c", plant.toString())));
        assertEquals(0, planted, "planting as " + PLANTER);
        assertEquals(PLANTER, Files.getOwner(inNamespaceTmp().resolve("memprof-agent.jar"), LinkOption.NOFOLLOW_LINKS).getName());
    }

    @AfterAll
    static void removeTheTrap() throws Exception {
        if (namespace != null) namespace.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        run(List.of("userdel", PLANTER));
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"run,jfr", "run,async-profiler", "attach,jfr", "attach,async-profiler"})
    void thePlantedCodeNeverRunsAndEveryHandedFileIsRootsInRootsFolder(String command, String engine) throws Exception {
        Path output = dir.resolve(command + "-" + engine + ".jfr");
        Process target = command.equals("attach") ? startSample() : null;
        List<String> memprof = MemprofProcess.command(List.of(), command);
        if (target != null) memprof.addAll(List.of(Long.toString(target.pid()), "--duration", "4s"));
        memprof.addAll(List.of("--engine", engine, "-o", output.toString()));
        if (target == null) memprof.addAll(List.of("--", MemprofProcess.java("17"), "-cp", MemprofProcess.samplesClasses(), SITES, "4"));
        Process recording = new ProcessBuilder(inNamespace(memprof)).redirectErrorStream(true)
                .redirectOutput(dir.resolve(command + "-" + engine + ".log").toFile()).start();
        Set<Path> handed = new TreeSet<>();
        try {
            long targetPid = target != null ? target.pid() : launchedChild(recording);
            Path folder = memprofFolder(engine);
            assertRootsFolderOfRootsFiles(folder);
            handed.addAll(handedPaths(targetPid, engine));
            assertTrue(recording.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, recording.exitValue(), Files.readString(dir.resolve(command + "-" + engine + ".log")));
        } finally {
            recording.destroyForcibly();
            if (target != null) target.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        handed.addAll(agentLocations(output));
        System.out.println(command + " " + engine + ": the target was handed " + handed);
        assertTrue(handed.stream().anyMatch(f -> f.getFileName().toString().equals("memprof-agent.jar")), "the agent: " + handed);
        for (Path file : handed) {
            assertEquals(Path.of("/tmp"), file.getParent().getParent(), file + ": in a folder directly in /tmp");
            assertTrue(file.getParent().getFileName().toString().matches("memprof-\\d+"), file + ": in memprof's fresh folder");
        }
        try (Stream<Path> marks = Files.list(dir)) {
            assertEquals(List.of(), marks.filter(f -> f.getFileName().toString().startsWith("planted-ran")).toList(),
                    "the planted code ran in the target");
        }
        Profile profile = ProfileReader.read(output);
        assertTrue(profile.allocations().totalSamples() > 0, "recorded, with memprof's own files");
        assertTrue(profile.info().codeSources(), "memprof's agent ran");
        try (Stream<Path> left = Files.list(inNamespaceTmp())) {
            assertEquals(new TreeSet<>(plantedNames()), left.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith("memprof") || name.startsWith("libasyncProfiler"))
                    .filter(name -> !name.equals("memprof-root")).collect(java.util.stream.Collectors.toCollection(TreeSet::new)),
                    "memprof removed its folder, and left the planted files alone");
        }
    }

    /** Each name memprof has given a file it hands over: today's and the content-hashed ones of old. */
    static List<String> plantedNames() throws Exception {
        List<String> names = new ArrayList<>(List.of("memprof-agent.jar", "memprof.jfc", "memprof-async-profiler.jfc", "libasyncProfiler.so"));
        try (ZipFile memprof = new ZipFile(MemprofProcess.jar().toFile())) {
            for (String[] resource : List.of(new String[] {"dev/memprof/recorder/memprof-agent.jar", "memprof-agent-%s.jar"},
                    new String[] {"dev/memprof/recorder/memprof.jfc", "memprof-%s.jfc"},
                    new String[] {"linux-x64/libasyncProfiler.so", "libasyncProfiler-%s.so"})) {
                try (InputStream in = memprof.getInputStream(memprof.getEntry(resource[0]))) {
                    byte[] hash = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
                    names.add(String.format(resource[1], HexFormat.of().formatHex(hash, 0, 6)));
                }
            }
        }
        return names;
    }

    /** The fresh folder memprof made in /tmp for this recording, once it holds what the target needs (waits for it). */
    private static Path memprofFolder(String engine) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Stream<Path> files = Files.list(inNamespaceTmp())) {
                var folder = files.filter(f -> f.getFileName().toString().matches("memprof-\\d+")).findFirst();
                if (folder.isPresent() && Files.exists(folder.get().resolve("memprof-agent.jar"))
                        && (!engine.equals("async-profiler") || Files.exists(folder.get().resolve("libasyncProfiler.so")))) {
                    return folder.get();
                }
            }
            assertTrue(System.nanoTime() < deadline, "memprof made no folder for the target in /tmp");
            Thread.sleep(50);
        }
    }

    /** Root's folder, only root may change it, directly in a sticky /tmp (others cannot rename or remove it); root's files in it. */
    private static void assertRootsFolderOfRootsFiles(Path folder) throws Exception {
        int tmpMode = (Integer) Files.getAttribute(inNamespaceTmp(), "unix:mode");
        assertEquals(01000, tmpMode & 01000, "/tmp is sticky");
        assertTrue(Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS), folder + " is a real folder, no link");
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.toList()) {
                assertEquals(0, Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS), p + " is root's");
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                assertEquals(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwxr-xr-x" : "rw-r--r--", mode, p.toString());
            }
        }
    }

    /**
     * The target's {@code -javaagent} and {@code -agentpath} files (memprof run) and the native libraries it maps from
     * /tmp; for async-profiler, once its library is mapped (waits for it).
     */
    private static Set<Path> handedPaths(long pid, String engine) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Set<Path> files = new TreeSet<>();
        while (engine.equals("async-profiler") && !Files.readString(Path.of("/proc", Long.toString(pid), "maps")).contains("/libasyncProfiler.so")) {
            assertTrue(System.nanoTime() < deadline, "async-profiler never loaded");
            Thread.sleep(50);
        }
        for (String word : ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).orElse(new String[0])) {
            if (word.startsWith("-javaagent:") || word.startsWith("-agentpath:")) {
                files.add(Path.of(word.substring(word.indexOf(':') + 1).split("=")[0]));
            }
        }
        try (Stream<String> maps = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            maps.filter(line -> line.contains(" /tmp/") && line.contains(".so"))
                    .forEach(line -> files.add(Path.of(line.substring(line.indexOf(" /tmp/") + 1).replace(" (deleted)", ""))));
        }
        return files;
    }

    /** Where the target loaded memprof's agent from, as the agent itself recorded it (its classes' code source). */
    static Set<Path> agentLocations(Path recording) throws Exception {
        Set<Path> locations = new TreeSet<>();
        for (var event : jdk.jfr.consumer.RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals("memprof.ClassSource") && event.getString("location") != null
                    && event.getString("className").startsWith("dev.memprof.agent.")) {
                locations.add(Path.of(java.net.URI.create(event.getString("location"))));
            }
        }
        return locations;
    }

    /** The JVM memprof run started (its -javaagent names memprof's agent), once it is there. */
    private static long launchedChild(Process memprof) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            var child = memprof.children().filter(c -> c.info().commandLine().orElse("").contains("-javaagent:")).findFirst();
            if (child.isPresent()) return child.get().pid();
            Thread.sleep(50);
        }
        throw new AssertionError("memprof run started no JVM");
    }

    private static Process startSample() throws Exception {
        Process sample = new ProcessBuilder(inNamespace(List.of(MemprofProcess.java("17"), "-cp", MemprofProcess.samplesClasses(), SITES, "60")))
                .redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(sample.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("memprof-sample ready", line);
        return sample;
    }

    /** An agent jar whose premain and agentmain leave {@code planted-ran-<how>} in the test's folder. */
    private static Path evilJar(Path folder) throws Exception {
        Path source = Files.createDirectories(folder.resolve("src")).resolve("Planted.java");
        String mark = dir.resolve("planted-ran-").toString();
        Files.writeString(source, "public class Planted {\n"
                + "  public static void premain(String a) throws Exception { agentmain(a); }\n"
                + "  public static void agentmain(String a) throws Exception {\n"
                + "    java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + mark + "\" + ProcessHandle.current().pid()), \"ran\");\n"
                + "  }\n}\n");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", folder.toString(), source.toString()));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", "Planted");
        manifest.getMainAttributes().putValue("Agent-Class", "Planted");
        Path jar = folder.resolve("planted.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("Planted.class"));
            out.write(Files.readAllBytes(folder.resolve("Planted.class")));
        }
        return jar;
    }

    /** A native library whose constructor leaves {@code planted-ran-library}; without a C compiler, bytes no JVM loads. */
    private static Path evilLibrary(Path folder) throws Exception {
        Path library = folder.resolve("planted.so");
        Path source = Files.writeString(folder.resolve("planted.c"), "#include <stdio.h>\n"
                + "__attribute__((constructor)) static void planted(void) {\n"
                + "  FILE *f = fopen(\"" + dir.resolve("planted-ran-library") + "\", \"w\"); if (f) fclose(f);\n}\n");
        if (!Files.isExecutable(Path.of("/usr/bin/gcc")) || run(List.of("gcc", "-shared", "-fPIC", "-o", library.toString(), source.toString())) != 0) {
            Files.writeString(library, "not a library: loading it would fail the recording");
        }
        return library;
    }

    private static List<String> inNamespace(List<String> command) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(namespace.pid()), "-m", "--"));
        full.addAll(command);
        return full;
    }

    private static Path inNamespaceTmp() {
        return Path.of("/proc", Long.toString(namespace.pid()), "root", "tmp");
    }

    private static int run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return process.exitValue();
    }
}
