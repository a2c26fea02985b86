package dev.memprof.report;

import dev.memprof.analysis.AllocationSummary;
import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.live.LiveObjectSummary;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Collapsed stacks, as FlameGraph.pl, speedscope and others read them: one line per unique stack,
 * frames root first joined by {@code ;}, a space, then the bytes allocated there. Lines sorted, so
 * the same recording always gives the same file.
 */
public final class CollapsedReport {
    private CollapsedReport() {}

    public static void write(Profile profile, Writer writer) {
        write(profile, AllocationSummary.bySite(profile), AllocationSummary.Entry::bytes, writer);
    }

    /**
     * {@code --view leaks}: one line per allocation stack of live objects, with the number of sampled live objects
     * last (as async-profiler's converter counts live samples): each sample stands for about the same number of
     * allocated bytes, so the widths are shares of live memory.
     */
    public static void writeLive(Profile profile, Writer writer) {
        write(profile, LiveObjectSummary.bySite(profile), AllocationSummary.Entry::samples, writer);
    }

    private static void write(Profile profile, List<AllocationSummary.Entry> sites,
                              ToLongFunction<AllocationSummary.Entry> value, Writer writer) {
        List<String> lines = new ArrayList<>();
        CallTree tree = profile.tree();
        for (AllocationSummary.Entry site : sites) {
            StringBuilder line = new StringBuilder();
            for (int frame : tree.framesRootFirst(site.key())) {
                if (line.length() > 0) line.append(';');
                line.append(Units.printable(profile.frames().name(frame)).replace(' ', '_'));
            }
            lines.add(line.append(' ').append(value.applyAsLong(site)).toString());
        }
        lines.sort(null);
        PrintWriter out = new PrintWriter(writer);
        lines.forEach(out::println);
        out.flush();
    }
}
