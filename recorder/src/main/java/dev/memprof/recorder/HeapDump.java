package dev.memprof.recorder;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import sun.tools.attach.HotSpotVirtualMachine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A live heap dump of a target JVM (HPROF, of the objects a full GC keeps: {@code GC.heap_dump} without {@code -all}),
 * which the target writes itself. It holds everything the app holds (passwords, personal data): it goes into a folder
 * only memprof's user can read, is read once for what holds the heap, and is deleted; only that result is kept.
 */
public final class HeapDump {
    private HeapDump() {}

    /** A fresh folder, readable and writable by memprof's user only, for dumps of memprof's own children. */
    public static Path privateFolder() {
        try {
            return Files.createTempDirectory("memprof-heap"); // mode 0700 on POSIX
        } catch (IOException e) {
            throw new RecorderException("cannot create a temporary folder: " + AttachedRecording.oneLine(e), e);
        }
    }

    /** Makes {@code pid} write its live heap to {@code file} (which must not exist); returns when it is written. */
    public static void write(long pid, Path file) {
        HotSpotVirtualMachine vm;
        try {
            vm = (HotSpotVirtualMachine) VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException | ClassCastException e) {
            throw new RecorderException("cannot attach to pid " + pid + " for a heap dump: " + AttachedRecording.oneLine(e), e);
        }
        try {
            write(vm, pid, file, file);
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // gone already
            }
        }
    }

    /** Through an attached {@code vm}: the target writes {@code asTargetSees}, which memprof reaches as {@code file}. */
    static void write(HotSpotVirtualMachine vm, long pid, Path asTargetSees, Path file) {
        try (InputStream in = vm.executeJCmd("GC.heap_dump " + AttachedRecording.quote(asTargetSees))) {
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!reply.contains("Heap dump file created") || !Files.isRegularFile(file)) {
                throw new RecorderException("pid " + pid + " wrote no heap dump: " + AttachedRecording.firstLine(reply));
            }
        } catch (IOException e) {
            throw new RecorderException("pid " + pid + " wrote no heap dump: " + AttachedRecording.oneLine(e), e);
        }
    }

    /** Deletes a dump and its folder, quietly: the dump must not outlive its reading, but a failure here is not the user's. */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (IOException ignored) {
            // the folder is private to memprof's user
        }
    }
}
