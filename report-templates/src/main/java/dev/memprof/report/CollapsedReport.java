package dev.memprof.report;

import dev.memprof.analysis.AllocationSummary;
import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.Profile;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Collapsed stacks, as FlameGraph.pl, speedscope and others read them: one line per unique stack,
 * frames root first joined by {@code ;}, a space, then the bytes allocated there. Lines sorted, so
 * the same recording always gives the same file.
 */
public final class CollapsedReport {
    private CollapsedReport() {}

    public static void write(Profile profile, Writer writer) {
        List<String> lines = new ArrayList<>();
        CallTree tree = profile.tree();
        for (AllocationSummary.Entry site : AllocationSummary.bySite(profile)) {
            StringBuilder line = new StringBuilder();
            for (int frame : tree.framesRootFirst(site.key())) {
                if (line.length() > 0) line.append(';');
                line.append(Units.printable(profile.frames().name(frame)).replace(' ', '_'));
            }
            lines.add(line.append(' ').append(site.bytes()).toString());
        }
        lines.sort(null);
        PrintWriter out = new PrintWriter(writer);
        lines.forEach(out::println);
        out.flush();
    }
}
