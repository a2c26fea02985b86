package dev.memprof.recorder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    static synchronized Path extract(String resource) {
        try {
            byte[] bytes;
            try (InputStream in = RecorderFiles.class.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("resource missing from memprof: " + resource);
                bytes = in.readAllBytes();
            }
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
            int dot = resource.lastIndexOf('.');
            Path file = folder().resolve(resource.substring(0, dot) + "-" + hash + resource.substring(dot));
            if (!Files.exists(file)) {
                Path temp = Files.createTempFile(file.getParent(), resource, ".tmp");
                Files.write(temp, bytes);
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource + ": " + e.getMessage(), e);
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
