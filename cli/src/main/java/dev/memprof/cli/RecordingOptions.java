package dev.memprof.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The outputs of attach and run: the recording, and the HTML report when asked for. */
final class RecordingOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "The recording to write (default: memprof-<pid>.jfr for attach, memprof-<main class or jar>.jfr for run).")
    Path output;

    @Option(names = "--force", description = "Overwrite existing outputs.")
    boolean force;

    @Option(names = "--html", description = "Also write the HTML report, beside the recording (out.jfr -> out.html).")
    boolean html;

    /** The recording's path, given or {@code defaultName}, checked before recording starts, not after. */
    Path output(String defaultName) {
        Path recording = output != null ? output : Path.of(defaultName);
        OutputFiles.checkWritable(recording, force);
        if (html) OutputFiles.checkWritable(Reports.derive(recording, "html"), force);
        return recording;
    }

    /** After recording: says where the recording is, and writes the HTML report when asked for. */
    void report(Path recording, PrintWriter out) {
        out.println("recording: " + recording);
        if (html) out.println("HTML report: " + Reports.writeHtml(recording, null, force));
    }
}
