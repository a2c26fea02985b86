package dev.memprof.cli;

import dev.memprof.analysis.Profile;
import dev.memprof.report.CollapsedReport;
import dev.memprof.report.JsonReport;
import dev.memprof.report.NativeReport;
import dev.memprof.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/** {@code memprof report}: a recording as text, HTML, JSON or collapsed stacks. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Report what a recording holds: allocations by stack and class, heap over time.",
        footer = {"", "Examples:",
                "  memprof report app.jfr                    text summary on stdout",
                "  memprof report app.jfr --html             app.html beside the recording",
                "  memprof report app.jfr --format json -o app.json",
                "  memprof report app.jfr --format collapsed | flamegraph.pl > app.svg",
                "  memprof report app.jfr --view native      native memory: malloc'ed, and not freed by the end"})
final class ReportCommand implements Callable<Integer> {
    enum Format { text, html, json, collapsed }
    /** {@code native} is a Java keyword: that view's constant is nativeMemory, its name on the command line "native". */
    enum View { allocations, nativeMemory }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECORDING", description = "A .jfr file from memprof attach/run (or any JFR recording).")
    Path recording;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), html, json or collapsed.")
    Format format;

    @Option(names = "--html", description = "Same as --format html.")
    boolean html;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write; default: stdout, or for html the recording's name with .html.")
    Path output;

    @Option(names = "--force", description = "Overwrite an existing output file.")
    boolean force;

    @Option(names = "--view", paramLabel = "VIEW", converter = ViewConverter.class, description = "allocations (default), or native: native memory by stack,"
            + " malloc'ed and not freed by the end (recorded with --native; collapsed: bytes not freed; json: the same document).")
    View view = View.allocations;

    @Override
    public Integer call() {
        if (html && format != null && format != Format.html) throw new UserError("--html and --format " + format + " disagree; give one");
        Format chosen = html ? Format.html : format == null ? Format.text : format;
        Path target = output != null ? output : chosen == Format.html ? Reports.derive(recording, "html") : null;
        if (target != null) OutputFiles.checkWritable(target, force); // before the work, not after
        Profile profile = Reports.read(recording);
        BiConsumer<Profile, Writer> reporter = switch (chosen) {
            case text -> view == View.nativeMemory ? NativeReport::writeText : TextReport::write;
            case json -> JsonReport::write;
            case collapsed -> view == View.nativeMemory ? NativeReport::writeCollapsed : CollapsedReport::write;
            case html -> dev.memprof.report.HtmlReport::write;
        };
        if (target == null) {
            PrintWriter out = spec.commandLine().getOut();
            reporter.accept(profile, out);
            out.flush();
        } else {
            OutputFiles.write(target, force, out -> reporter.accept(profile, out));
            spec.commandLine().getErr().println("memprof report: wrote " + target);
        }
        return Main.OK;
    }

    static final class ViewConverter implements picocli.CommandLine.ITypeConverter<View> {
        @Override
        public View convert(String value) {
            if (value.equals("native")) return View.nativeMemory;
            try {
                return View.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a view: allocations or native");
            }
        }
    }
}
