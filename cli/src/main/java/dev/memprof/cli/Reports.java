package dev.memprof.cli;

import dev.memprof.analysis.Profile;
import dev.memprof.analysis.ProfileReader;
import dev.memprof.analysis.RecordingException;
import dev.memprof.analysis.TimeRange;
import dev.memprof.report.HtmlReport;
import dev.memprof.report.TextReport;

import java.io.StringWriter;
import java.nio.file.Path;

/** The shared "read a recording, write its reports" flow of report, attach, run and demo. */
final class Reports {
    private Reports() {}

    /** {@code out.jfr} -> {@code out.<extension>} in the same folder. */
    static Path derive(Path recording, String extension) {
        String name = recording.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return recording.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "." + extension);
    }

    static Profile read(Path recording) {
        return read(recording, TimeRange.WHOLE);
    }

    static Profile read(Path recording, TimeRange range) {
        try {
            return ProfileReader.read(recording, range);
        } catch (RecordingException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** Writes the HTML report of a recording (beside it when {@code html} is null); returns where. */
    static Path writeHtml(Path recording, Path html, boolean force) {
        return writeHtml(read(recording), recording, html, force);
    }

    static Path writeHtml(Profile profile, Path recording, Path html, boolean force) {
        Path target = html != null ? html : derive(recording, "html");
        OutputFiles.write(target, force, out -> HtmlReport.write(profile, out));
        return target;
    }

    /** The text summary of a recording, for printing after a recording. */
    static String summary(Profile profile) {
        StringWriter text = new StringWriter();
        TextReport.write(profile, text);
        return text.toString();
    }
}
