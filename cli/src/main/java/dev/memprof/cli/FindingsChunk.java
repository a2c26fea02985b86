package dev.memprof.cli;

import jdk.jfr.Event;
import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes memprof's findings (see {@link FindingEvents}) as one JFR chunk: a recording in memprof's own process with
 * only those events enabled, dumped to a file that is appended to the target's recording.
 */
final class FindingsChunk {
    private static final List<Class<? extends Event>> TYPES = List.of(FindingEvents.Snapshot.class, FindingEvents.HeapClass.class,
            FindingEvents.StaticField.class, FindingEvents.Holder.class, FindingEvents.PackagedJar.class, FindingEvents.Note.class);

    private FindingsChunk() {}

    /** Runs {@code commits} (which commits events) inside a recording of memprof's events only; returns its chunk file. */
    static synchronized Path write(Runnable commits) throws IOException {
        Path file = Files.createTempFile("memprof-findings", ".jfr");
        try (Recording recording = new Recording()) {
            recording.setName("memprof-findings");
            recording.setToDisk(true);
            for (Class<? extends Event> type : TYPES) recording.enable(type).withoutStackTrace();
            recording.start();
            commits.run();
            recording.stop();
            recording.dump(file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** A chunk with one note: why a finding is missing. */
    static Path note(String note) throws IOException {
        return write(() -> {
            FindingEvents.Note event = new FindingEvents.Note();
            event.note = note;
            event.commit();
        });
    }

    static Path packagedJars(List<PackagedJars.Jar> jars) throws IOException {
        return write(() -> {
            for (PackagedJars.Jar jar : jars) {
                FindingEvents.PackagedJar event = new FindingEvents.PackagedJar();
                event.location = jar.location();
                event.bytes = jar.bytes();
                event.commit();
            }
        });
    }
}
