package dev.memprof.report;

import dev.memprof.analysis.AllocationSummary;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.live.LiveObjectSummary;
import dev.memprof.analysis.live.LiveObjects;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * {@code --view leaks} as text: the live-set trend, then the sampled objects still alive at the end of the
 * recording by allocation stack (with what holds them) and by holder, most sampled first.
 */
public final class LeaksTextReport {
    static final int TOP_SITES = 10, TOP_HOLDERS = 10;

    private LeaksTextReport() {}

    public static void write(Profile profile, Writer writer) {
        PrintWriter out = new PrintWriter(writer);
        LiveObjects live = profile.liveObjects();
        long samples = live.totalSamples();
        out.println("Recording   " + Units.printable(profile.info().file()));
        out.println("Duration    " + Units.seconds(profile.info().durationNanos()));
        out.println("Live set    " + LiveReports.trendLine(profile.liveSetTrend()));
        if (!profile.window().whole()) out.println("Window      " + LiveReports.window(profile));
        out.printf(Locale.ROOT, "Live        %d sampled objects still alive at the end (%s of sampled objects)%n",
                samples, Units.bytes(live.totalBytes()));
        for (String warning : profile.info().warnings()) out.println("Warning     " + Units.printable(warning));
        out.println();
        if (samples == 0) {
            out.println("No live-object samples in this recording (or none allocated in the window): record with memprof"
                    + " attach/run, whose settings turn on jdk.OldObjectSample, and let a GC happen.");
            out.flush();
            return;
        }
        out.println("Live objects by allocation site (share of sampled live objects; bytes = the sampled objects' own size)");
        List<AllocationSummary.Entry> sites = LiveObjectSummary.bySite(profile);
        int rank = 0;
        for (AllocationSummary.Entry site : sites.subList(0, Math.min(TOP_SITES, sites.size()))) {
            out.printf(Locale.ROOT, "%3d. %5.1f%%  %d sample%s  %s%n", ++rank, Units.percent(site.samples(), samples),
                    site.samples(), site.samples() == 1 ? "" : "s", Units.bytes(site.bytes()));
            Stacks.print(profile, site.key(), out);
            for (AllocationSummary.Entry holder : LiveObjectSummary.holdersOf(profile, site.key())) {
                out.printf(Locale.ROOT, "          held by %s (%d)%n", Units.printable(LiveReports.holder(profile, holder.key())),
                        holder.samples());
            }
        }
        out.println();
        out.println("Live objects by what holds them (first static field on the path to a GC root, else the root)");
        List<AllocationSummary.Entry> holders = LiveObjectSummary.byHolder(profile);
        for (AllocationSummary.Entry holder : holders.subList(0, Math.min(TOP_HOLDERS, holders.size()))) {
            out.printf(Locale.ROOT, "  %5.1f%%  %6d  %s%n", Units.percent(holder.samples(), samples), holder.samples(),
                    Units.printable(LiveReports.holder(profile, holder.key())));
        }
        out.flush();
    }
}
