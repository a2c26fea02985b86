package dev.memprof.recorder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The files a target JVM reads (the agent jar, the settings), extracted from memprof's own resources to a
 * folder the target can read. Names carry a hash of the content, so each version is written once.
 */
public final class RecorderFiles {
    private RecorderFiles() {}

    /** The agent jar ({@code -javaagent} or {@code loadAgent}). */
    public static Path agentJar() {
        return extract("memprof-agent.jar");
    }

    /** The JFR settings ({@code settings=} of JFR.start and -XX:StartFlightRecording). */
    public static Path settings() {
        return extract("memprof.jfc");
    }

    /**
     * The JFR settings for the async-profiler engine: memprof's, without JFR's own allocation samples (async-profiler
     * samples allocations instead; both would count every byte twice).
     */
    static Path settingsWithoutAllocationSamples() {
        String settings = new String(resource("memprof.jfc"), StandardCharsets.UTF_8);
        String off = settings.replaceFirst("(<event name=\"jdk.ObjectAllocationSample\">\\s*<setting name=\"enabled\">)true<",
                "$1false<");
        if (off.equals(settings)) throw new IllegalStateException("memprof.jfc enables no jdk.ObjectAllocationSample to turn off");
        return write("memprof-async-profiler.jfc", off.getBytes(StandardCharsets.UTF_8));
    }

    static Path extract(String resource) {
        return write(resource, resource(resource));
    }

    /** A resource of memprof ({@code /x/y} from the class path's root, else beside this class). */
    static byte[] resource(String resource) {
        try (InputStream in = RecorderFiles.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("resource missing from memprof: " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code bytes} as {@code <name>-<hash>.<extension>} in memprof's folder, once per content. */
    static synchronized Path write(String name, byte[] bytes) {
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
            int dot = name.lastIndexOf('.');
            Path file = folder().resolve(name.substring(0, dot) + "-" + hash + name.substring(dot));
            if (!Files.exists(file)) {
                Path temp = Files.createTempFile(file.getParent(), name, ".tmp");
                Files.write(temp, bytes);
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + name + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code <tmp>/memprof-<user>}: readable by a target of another user (root attaching), writable by us only. */
    private static Path folder() throws IOException {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "memprof-" + System.getProperty("user.name"));
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another memprof made it
            }
        }
        // Someone else's folder could hold a jar of theirs under our name: never hand that to a target.
        if (!Files.getOwner(folder).getName().equals(System.getProperty("user.name"))) {
            folder = Files.createTempDirectory("memprof-");
        }
        return folder;
    }
}
