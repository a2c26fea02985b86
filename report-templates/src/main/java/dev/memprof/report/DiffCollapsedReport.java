package dev.memprof.report;

import dev.memprof.analysis.diff.DiffTree;
import dev.memprof.analysis.diff.Normalization;
import dev.memprof.analysis.diff.RecordingDiff;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code memprof diff --format collapsed}: {@code stack base new} per line, as FlameGraph's {@code difffolded.pl}
 * writes it and {@code flamegraph.pl} draws it (red grew, blue shrank). Whole numbers, as those tools read them:
 * bytes per second, or shares in millionths of the recording's total.
 */
public final class DiffCollapsedReport {
    private DiffCollapsedReport() {}

    public static void write(RecordingDiff diff, Writer writer) {
        DiffTree tree = diff.allocations();
        double scale = diff.normalization() == Normalization.SHARES ? 1e4 : 1; // percent -> millionths
        List<String> lines = new ArrayList<>();
        for (int n = 1; n < tree.size(); n++) {
            if (!tree.hasSelf(n)) continue;
            String stack = String.join(";", tree.stack(n).stream().map(f -> Units.printable(f).replace(' ', '_')).toList());
            lines.add(stack + " " + Math.round(tree.self(DiffTree.BASE, n) * scale) + " " + Math.round(tree.self(DiffTree.NEW, n) * scale));
        }
        lines.sort(null);
        PrintWriter out = new PrintWriter(writer);
        lines.forEach(out::println);
        out.flush();
    }
}
