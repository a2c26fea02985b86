package dev.memprof.recorder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** A JFR recording is a sequence of chunks: memprof's own findings (written in its process) are appended to the target's. */
final class Chunks {
    private Chunks() {}

    /** Appends each chunk file to {@code recording}, deleting it after. */
    static void append(Path recording, List<Path> chunks) {
        if (chunks.isEmpty()) return;
        try (OutputStream out = Files.newOutputStream(recording, StandardOpenOption.APPEND)) {
            for (Path chunk : chunks) {
                Files.copy(chunk, out);
                Files.deleteIfExists(chunk);
            }
        } catch (IOException e) {
            throw new RecorderException("cannot add memprof's findings to " + recording + ": " + AttachedRecording.oneLine(e), e);
        }
    }
}
