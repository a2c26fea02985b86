package dev.memprof.cli;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The outputs of attach and run: the recording, and the HTML report when asked for. */
final class RecordingOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "The recording to write (default: "
            + "memprof-<pid>.jfr for attach, memprof-<main class or jar>-<memprof's pid>.jfr for run).")
    Path output;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing outputs.")
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

    /** run's default name, which a second run does not collide with: memprof's own pid in it, as Memray does. */
    static String runName(String mainName) {
        return "memprof-" + mainName + "-" + ProcessHandle.current().pid() + ".jfr";
    }

    /** After recording: says where the recording is (unless --quiet), and writes the HTML report when asked for. */
    void report(Path recording, PrintWriter out) {
        if (!Main.quiet) out.println("recording: " + recording);
        if (html) {
            Path page = Reports.writeHtml(recording, null, force);
            if (!Main.quiet) out.println("HTML report: " + page);
        }
    }
}
