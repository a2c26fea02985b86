package dev.memprof.recorder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A fresh folder for one recording: the files memprof hands to the target JVM (agent jar, settings, async-profiler's
 * library, startup marks) and, in {@link #writableByTarget}, the files the target writes for memprof. Removed by
 * {@link #close()}.
 * <p>
 * Safe by construction, for a target that runs with other rights than whoever else uses the machine (root recording
 * any JVM): the folder is made by one {@code mkdir} under a new random name (never following or reusing what is
 * there), then checked without following links to be a directory owned by memprof's user with mode 0700, and only
 * then opened to reading (0755); its parent must be a real directory others cannot change entries of (sticky, as
 * /tmp, or writable by its owner only). Files are created new in it (0644), never reused. So nothing another user
 * wrote is ever handed to the target.
 * <p>
 * The target may see another filesystem (a container: own mount namespace, own /tmp). The folder is then made in the
 * target's /tmp through {@code /proc/<pid>/root}: {@link #hostPath} is where memprof reads and writes a file,
 * {@link #targetPath} the same file as the target sees it, the path to give the target.
 */
public final class TargetFolder implements AutoCloseable {
    private static final String WRITABLE = "out";
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private final Path host, target;
    private final long targetUid, targetGid;
    private final boolean sharesOurFiles;

    private TargetFolder(Path host, Path target, long targetUid, long targetGid, boolean sharesOurFiles) {
        this.host = host;
        this.target = target;
        this.targetUid = targetUid;
        this.targetGid = targetGid;
        this.sharesOurFiles = sharesOurFiles;
    }

    /** For a JVM memprof starts (memprof run): same user, same filesystem, in memprof's temporary folder. */
    public static TargetFolder forChild() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try {
            tmp = tmp.toRealPath(); // e.g. macOS's /tmp -> /private/tmp, a link root made
        } catch (IOException e) {
            throw new RecorderException("cannot use the temporary folder " + tmp + ": " + AttachedRecording.oneLine(e), e);
        }
        Path folder = create(tmp, null);
        long[] us = ids(Path.of("/proc/self"));
        return new TargetFolder(folder, folder, us[0], us[1], true);
    }

    /** For the running JVM {@code pid}: in its /tmp as it sees it (a container's own), under a new random name. */
    public static TargetFolder forProcess(long pid) {
        return forProcess(pid, null);
    }

    /** As {@link #forProcess(long)}, named {@code name} (which must not exist) when not null. */
    static TargetFolder forProcess(long pid, String name) {
        Path proc = Path.of("/proc", Long.toString(pid));
        boolean shares = sharesOurFiles(proc);
        // Through /proc/<pid>/root only when needed: that path is gone once the target exits, and with it our clean-up.
        Path tmp = shares ? Path.of("/tmp") : proc.resolve("root/tmp");
        Path folder = create(tmp, name);
        long[] owner = ids(proc);
        return new TargetFolder(folder, Path.of("/tmp").resolve(folder.getFileName()), owner[0], owner[1], shares);
    }

    /** Writes {@code bytes} as the new file {@code name} (0644); returns its path as the target sees it. */
    public Path write(String name, byte[] bytes) {
        Path file = hostPath(name);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new RecorderException("cannot write " + file + ": " + readOnlyHint(e), e);
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new RecorderException("cannot make " + file + " readable: " + AttachedRecording.oneLine(e), e);
        }
        return targetPath(name);
    }

    /** Where memprof reads and writes {@code name} (a file name, or {@link #writableByTarget}'s answer). */
    public Path hostPath(String name) {
        return host.resolve(name);
    }

    /** {@code name} as the target sees it: the path to give the target. */
    public Path targetPath(String name) {
        return target.resolve(name);
    }

    /**
     * A file the target writes (a recording, a heap dump), in a subfolder that the target's user owns and only it (and
     * root) may enter, made on first use. Give the target {@link Place#target()}; read the file with {@link #take}.
     */
    public Place writableByTarget(String name) {
        Path folder = host.resolve(WRITABLE);
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PRIVATE));
                Files.setPosixFilePermissions(folder, PRIVATE);
                if (targetUid != ourUid()) {
                    Files.setAttribute(folder, "unix:gid", (int) targetGid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(folder, "unix:uid", (int) targetUid, LinkOption.NOFOLLOW_LINKS);
                }
            } catch (IOException | UnsupportedOperationException e) {
                throw new RecorderException("cannot make a folder the target may write in " + host + ": "
                        + (e instanceof IOException io ? readOnlyHint(io) : e.toString()), e);
            }
        }
        return new Place(hostPath(WRITABLE + "/" + name), targetPath(WRITABLE + "/" + name));
    }

    /** One file as memprof reaches it ({@code host}) and as the target sees it ({@code target}). */
    public record Place(Path host, Path target) {
        /** A file both see at the same path. */
        public static Place shared(Path path) {
            return new Place(path, path);
        }
    }

    /**
     * Moves the file the target wrote at {@code written} to {@code destination} (replacing it), refusing anything but a
     * plain file: the target's user could have put a link there, to have memprof read or append to another file.
     */
    public static Path take(Place written, Path destination) throws IOException {
        Path file = written.host();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) throw new NoSuchFileException(file + " (no plain file)");
        Files.move(file, destination, StandardCopyOption.REPLACE_EXISTING);
        // checked again once out of the target's reach: a hard link would make destination another file
        if (!Files.isRegularFile(destination, LinkOption.NOFOLLOW_LINKS)
                || ((Number) Files.getAttribute(destination, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() != 1) {
            Files.delete(destination);
            throw new FileSystemException(file.toString(), null, "not a plain file of its own");
        }
        if (ids(destination)[0] != ourUid()) Files.setAttribute(destination, "unix:uid", (int) ourUid(), LinkOption.NOFOLLOW_LINKS);
        return destination;
    }

    /** Whether the target sees memprof's filesystem as memprof does, and runs as memprof's user: it can use our paths. */
    public boolean sharesOurFiles() {
        return sharesOurFiles && targetUid == ourUid();
    }

    /** Removes the folder and all in it (the target has read what it needed: a loaded jar or library stays open). */
    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(host)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (NoSuchFileException | DirectoryNotEmptyException gone) {
            // the target exited and took its filesystem with it, or is still writing: nothing more to do
        } catch (IOException | UncheckedIOException e) {
            // best effort: a folder left in /tmp holds nothing secret, and no one else can change it
        }
    }

    @Override
    public String toString() {
        return host.toString();
    }

    /** mkdir under a new name, then checks what was made (owner, mode, no link) before anything goes in. */
    private static Path create(Path parent, String name) {
        requireSafeParent(parent);
        try {
            Path folder = name == null ? Files.createTempDirectory(parent, "memprof-", PosixFilePermissions.asFileAttribute(PRIVATE))
                    : Files.createDirectory(parent.resolve(name), PosixFilePermissions.asFileAttribute(PRIVATE));
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || ids(folder)[0] != ourUid()
                    || !Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS).equals(PRIVATE)) {
                throw new RecorderException(folder + " is not the private folder memprof just made; not using it");
            }
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            return folder;
        } catch (IOException e) {
            throw new RecorderException("cannot make a folder for the target's files in " + parent + ": " + readOnlyHint(e), e);
        }
    }

    /** A real directory (no link), whose entries only their owners may change: sticky (as /tmp) or writable by its owner only. */
    private static void requireSafeParent(Path parent) {
        try {
            if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                throw new RecorderException(parent + " is not a directory (a link?); memprof puts the target's files there");
            }
            long owner = ids(parent)[0];
            int mode = (Integer) Files.getAttribute(parent, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            boolean othersWrite = (mode & 0022) != 0, sticky = (mode & 01000) != 0;
            if ((owner != 0 && owner != ourUid()) || (othersWrite && !sticky)) {
                throw new RecorderException(parent + " can be changed by other users (owner uid " + owner + ", mode "
                        + Integer.toOctalString(mode & 07777) + "); set java.io.tmpdir to a safe folder");
            }
        } catch (IOException e) {
            throw new RecorderException("cannot use " + parent + ": " + AttachedRecording.oneLine(e), e);
        }
    }

    /** Same mount namespace and root: the target resolves our paths to our files. */
    private static boolean sharesOurFiles(Path proc) {
        try {
            return Files.readSymbolicLink(proc.resolve("ns/mnt")).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")))
                    && Files.isSameFile(proc.resolve("root"), Path.of("/proc/self/root"));
        } catch (IOException e) {
            return false; // not ours to inspect: reach it through its own root, which works in both cases
        }
    }

    private static long ourUid() {
        return ids(Path.of("/proc/self"))[0];
    }

    /** uid and gid of a file; of a process for {@code /proc/<pid>}. */
    private static long[] ids(Path path) {
        try {
            return new long[] {((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue(),
                    ((Number) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue()};
        } catch (IOException e) {
            throw new RecorderException("cannot read the owner of " + path + ": " + AttachedRecording.oneLine(e), e);
        }
    }

    /** A read-only filesystem (a container's, often) said in words. */
    private static String readOnlyHint(IOException e) {
        String message = AttachedRecording.oneLine(e);
        if (message.contains("Read-only file system")) {
            return "the target's filesystem is read-only (memprof needs a writable /tmp in it, e.g. a tmpfs)";
        }
        return e instanceof AccessDeniedException ? "permission denied (" + message + ")" : message;
    }
}
