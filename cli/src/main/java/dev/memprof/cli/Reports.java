package dev.memprof.cli;

import java.nio.file.Path;

/** The shared "report after recording" flow of attach, run and demo. */
final class Reports {
    private Reports() {}

    /** {@code out.jfr} -> {@code out.<extension>} in the same folder. */
    static Path derive(Path recording, String extension) {
        String name = recording.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return recording.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "." + extension);
    }

    /** Writes the HTML report of a recording (beside it, by default); returns where. TODO(lead): being written. */
    static Path writeHtml(Path recording, Path html, boolean force) {
        throw new UnsupportedOperationException("report rendering is being written");
    }

    /** The text summary of a recording, for printing after a recording. TODO(lead): being written. */
    static String summary(Path recording) {
        throw new UnsupportedOperationException("report rendering is being written");
    }
}
