package dev.memprof.junit;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JFR recording of one test, made in the test's own JVM: its allocations (one TLAB event per new TLAB or allocation
 * outside one, with the stack; exact about which thread and when, unlike {@code jdk.ObjectAllocationSample}, whose first
 * sample in a test carries a weight from before it) and, for leaks, JFR's old-object samples with their path to a GC
 * root. Read only when a limit fails; a passing test pays for starting and stopping it, about 5 ms.
 */
final class TestRecording implements AutoCloseable {
    static final String IN_NEW_TLAB = "jdk.ObjectAllocationInNewTLAB";
    static final String OUTSIDE_TLAB = "jdk.ObjectAllocationOutsideTLAB";
    static final String OLD_OBJECT = "jdk.OldObjectSample";
    /** Where failing tests' recordings are kept; else target/memprof-junit (Maven) or build/memprof-junit (Gradle). */
    static final String FOLDER_PROPERTY = "memprof.junit.recordings";
    /** Frames shown per stack, at most; a stack stops at the first frame outside the JDK (the caller's code). */
    private static final int MOST_FRAMES = 8;

    private final Recording recording = new Recording();
    private final boolean oldObjects;

    /** Starts recording: allocations when {@code allocations}, old-object samples when {@code oldObjects}. */
    TestRecording(boolean allocations, boolean oldObjects) {
        this.oldObjects = oldObjects;
        recording.setName("memprof-junit");
        if (allocations) {
            recording.enable(IN_NEW_TLAB).withStackTrace();
            recording.enable(OUTSIDE_TLAB).withStackTrace();
        }
        if (oldObjects) {
            // "infinity": search the whole path to a GC root when the recording stops; switched off when nothing failed
            recording.enable(OLD_OBJECT).withStackTrace().with("cutoff", "infinity");
        }
        recording.start();
    }

    /**
     * Stops recording and, when {@code keep}, writes it to {@code name}.jfr in the recordings folder and returns its
     * events; else returns none and spends nothing on old objects' paths.
     */
    Kept stop(boolean keep, String name) throws IOException {
        if (!keep) {
            if (oldObjects) recording.disable(OLD_OBJECT); // stopping would search their paths to GC roots
            recording.stop();
            return null;
        }
        recording.stop();
        Path folder = keptFolder();
        if (folder == null) {
            Path file = Files.createTempFile("memprof-junit", ".jfr"); // owner-only; read, then removed
            try {
                recording.dump(file);
                return new Kept(null, RecordingFile.readAllEvents(file));
            } finally {
                Files.deleteIfExists(file);
            }
        }
        Files.createDirectories(folder);
        Path file = folder.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".jfr");
        recording.dump(file);
        return new Kept(file, RecordingFile.readAllEvents(file));
    }

    /** A failing test's recording: its events, and its file when it is kept (null when there is no folder for it). */
    record Kept(Path file, List<RecordedEvent> events) {
        List<RecordedEvent> ofType(String... types) {
            List<RecordedEvent> matching = new ArrayList<>();
            for (RecordedEvent event : events) {
                for (String type : types) {
                    if (event.getEventType().getName().equals(type)) matching.add(event);
                }
            }
            return matching;
        }

        /** "Recording of the test: <file>" or "". */
        String where() {
            return file == null ? "" : "\nRecording of the test: " + file + " (jfr print, or JDK Mission Control)";
        }
    }

    @Override
    public void close() {
        recording.close();
    }

    /** The stack, from the allocating frame down to the first frame outside the JDK, one "at ..." line per frame. */
    static String stack(RecordedStackTrace stack, String indent) {
        if (stack == null) return indent + "at (no stack)";
        StringBuilder text = new StringBuilder();
        int shown = 0;
        for (RecordedFrame frame : stack.getFrames()) {
            if (!frame.isJavaFrame()) continue;
            if (text.length() > 0) text.append('\n');
            String type = frame.getMethod().getType().getName();
            text.append(indent).append("at ").append(type).append('.').append(frame.getMethod().getName());
            if (frame.getLineNumber() > 0) text.append(':').append(frame.getLineNumber());
            if (++shown == MOST_FRAMES || !isJdk(type)) break;
        }
        return text.toString();
    }

    private static boolean isJdk(String type) {
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.startsWith("javax.");
    }

    /** The folder for failing tests' recordings, or null when there is none. */
    private static Path keptFolder() {
        String configured = System.getProperty(FOLDER_PROPERTY);
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        if (Files.isDirectory(Path.of("target"))) return Path.of("target", "memprof-junit");
        if (Files.isDirectory(Path.of("build"))) return Path.of("build", "memprof-junit");
        return null;
    }
}
