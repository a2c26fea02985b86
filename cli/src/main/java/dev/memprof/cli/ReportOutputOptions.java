package dev.memprof.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** What report and diff share about where their output goes: --html (short for --format html) and --force. */
final class ReportOutputOptions {
    @Option(names = "--html", description = "Same as --format html.")
    boolean html;

    @Option(names = {"-f", "--force"}, description = "Overwrite an existing output file.")
    boolean force;

    /** html with --html, else {@code given}, else text; --html with another --format is a usage error. */
    <F extends Enum<F>> F format(F given, F htmlFormat, F textFormat) {
        if (html && given != null && given != htmlFormat) throw new UserError("--html and --format " + given + " disagree; give one");
        return html ? htmlFormat : given == null ? textFormat : given;
    }

    /** {@code output}, else {@code defaultFile} (null: stdout); checked writable before the work, not after. */
    Path target(Path output, Path defaultFile) {
        Path target = output != null ? output : defaultFile;
        if (target != null) OutputFiles.checkWritable(target, force);
        return target;
    }
}
