package dev.memprof.recorder;

import jdk.jfr.Recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The startup-end mark as one JFR chunk made in memprof's own JVM. A JFR file is a sequence of self-contained
 * chunks, so appending this chunk to the target's recording puts the mark in the file that readers already
 * read, without running anything in the target.
 */
final class StartupMark {
    private StartupMark() {}

    /** A chunk file holding one {@code memprof.Startup} event; made when the rule fires, so its time is inside the recording. */
    static Path write(String rule, String description, Instant ready) {
        try {
            Path chunk = Files.createTempFile("memprof-startup", ".jfr");
            try (Recording recording = new Recording()) {
                recording.enable(StartupEvent.class);
                recording.setToDisk(true);
                recording.start();
                StartupEvent event = new StartupEvent();
                event.rule = rule;
                event.description = description;
                event.readyEpochNanos = ready.getEpochSecond() * 1_000_000_000L + ready.getNano();
                event.commit();
                recording.stop();
                recording.dump(chunk);
            }
            return chunk;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends the chunk file's bytes to the recording, then deletes the chunk file. */
    static void append(Path chunk, Path recording) throws IOException {
        try (FileChannel in = FileChannel.open(chunk);
             FileChannel out = FileChannel.open(recording, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long done = 0, size = in.size();
            while (done < size) done += in.transferTo(done, size - done, out);
        } finally {
            Files.deleteIfExists(chunk);
        }
    }
}
