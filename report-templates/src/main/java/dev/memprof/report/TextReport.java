package dev.memprof.report;

import dev.memprof.analysis.AllocationSummary;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.RecordingInfo;
import dev.memprof.analysis.Timeline;
import dev.memprof.analysis.startup.DeferrableLibrary;
import dev.memprof.analysis.startup.StartupReport;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** The terminal report: what was recorded, how much was allocated, and where. */
public final class TextReport {
    static final int TOP_SITES = 10, TOP_CLASSES = 10, TOP_DEFERRABLE = 10;

    private TextReport() {}

    public static void write(Profile profile, Writer writer) {
        PrintWriter out = new PrintWriter(writer);
        RecordingInfo info = profile.info();
        Timeline timeline = profile.timeline();
        long total = profile.allocations().totalBytes();
        long samples = profile.allocations().totalSamples();

        out.println("Recording   " + Units.printable(info.file()));
        out.println("JVM         " + Units.printable(Units.shortVersion(info.jvmVersion())) + (info.pid() >= 0 ? " (pid " + info.pid() + ")" : ""));
        out.println("Command     " + Units.printable(info.commandLine()));
        out.println("Duration    " + Units.seconds(info.durationNanos()));
        out.printf(Locale.ROOT, "Allocated   %s in %d samples (%s/s)%n", Units.bytes(total), samples,
                Units.bytes(info.durationNanos() > 0 ? (long) (total / (info.durationNanos() / 1e9)) : -1));
        out.printf(Locale.ROOT, "Heap        after GC %s min, %s max; peak used %s; %d GCs%n",
                Units.bytes(timeline.minHeapAfterGc()), Units.bytes(timeline.maxHeapAfterGc()),
                Units.bytes(timeline.peakHeapUsed()), timeline.gcCount());
        out.println("Live set    " + LiveReports.trendLine(profile.liveSetTrend()));
        if (!profile.window().whole()) out.println("Window      " + LiveReports.window(profile));
        String live = LiveReports.summaryLine(profile);
        if (live != null) out.println("Live        " + live);
        for (String warning : info.warnings()) out.println("Warning     " + Units.printable(warning));

        List<AllocationSummary.Entry> sites = AllocationSummary.bySite(profile);
        out.println();
        out.println("Top allocation sites");
        int rank = 0;
        for (AllocationSummary.Entry site : sites.subList(0, Math.min(TOP_SITES, sites.size()))) {
            out.printf(Locale.ROOT, "%3d. %10s %5.1f%%  %d samples%n", ++rank, Units.bytes(site.bytes()),
                    Units.percent(site.bytes(), total), site.samples());
            Stacks.print(profile, site.key(), out);
        }
        if (sites.isEmpty()) out.println("  (no allocation samples in this recording)");

        List<AllocationSummary.Entry> classes = AllocationSummary.byClass(profile);
        out.println();
        out.println("Top allocated classes");
        for (AllocationSummary.Entry c : classes.subList(0, Math.min(TOP_CLASSES, classes.size()))) {
            out.printf(Locale.ROOT, "  %10s %5.1f%%  %s%n", Units.bytes(c.bytes()), Units.percent(c.bytes(), total),
                    Units.printable(profile.classes().get(c.key())));
        }
        deferrable(out, profile.startup());
        out.flush();
    }

    private static void deferrable(PrintWriter out, StartupReport startup) {
        if (startup.mode().equals("none")) return;
        out.println();
        out.println("Deferrable libraries (loaded at startup, rarely used afterwards)");
        out.println("  startup ended at " + Units.seconds(startup.endOffsetNanos()) + ": " + Units.printable(startup.rule()));
        for (String note : startup.notes()) out.println("  note: " + Units.printable(note));
        if (startup.deferrable().isEmpty()) {
            out.println("  (" + noCandidates(startup) + ")");
            unusedJars(out, startup);
            return;
        }
        out.println("  " + StartupReport.SCORE);
        out.printf(Locale.ROOT, "  %3s  %7s  %-32s %8s %10s %10s %10s %9s %7s%n", "", "SCORE", "LIBRARY", "CLASSES",
                "ALLOCATED", "RETAINED", "METASPACE", "LOAD", "USE");
        int rank = 0;
        for (DeferrableLibrary d : startup.deferrable().subList(0, Math.min(TOP_DEFERRABLE, startup.deferrable().size()))) {
            out.printf(Locale.ROOT, "  %3d. %7.2f  %-32s %8d %10s %10s %10s %9s %6.2f%%%n", ++rank, d.score(),
                    Units.printable(d.library()), d.classesAtStartup(), Units.bytes(d.startupAllocatedBytes()),
                    Units.bytes(d.retainedBytes()), Units.bytes(d.metaspaceBytes()), Units.seconds(d.loadNanos()),
                    100 * d.useShare());
            if (!d.loadedBy().isEmpty()) {
                out.println("        loaded by " + Units.printable(String.join(" > ", d.loadedBy())));
            }
            if (!d.heldBy().isEmpty()) out.println("        its heap is held by " + Units.held(d.heldBy()));
            if (!d.staticFields().isEmpty()) out.println("        its static fields keep " + Units.held(d.staticFields()));
            out.println("        after startup: " + d.samplesAfterStartup() + " samples, " + d.classesLoadedAfterStartup()
                    + " classes loaded; " + d.advice());
        }
        unusedJars(out, startup);
    }

    /** Why the deferrable list is empty: nothing worth a change, or no GC gave a reading to cost libraries with. */
    static String noCandidates(StartupReport startup) {
        StartupReport.Footprint totals = startup.totals();
        return totals.metaspaceBytes() < 0 && totals.retainedBytes() < 0
                ? "none listed: no heap or metaspace reading, so what each library costs is unknown; see the note above"
                : "none: no library loaded at startup costs 50 KiB or more and goes unused afterwards";
    }

    private static void unusedJars(PrintWriter out, StartupReport startup) {
        if (startup.unusedJars().isEmpty()) return;
        out.println();
        out.println("Unused dependencies (packaged, but no class was loaded from them in this run): "
                + startup.unusedJars().size() + " jars, " + Units.bytes(startup.unusedJars().stream().mapToLong(StartupReport.UnusedJar::bytes).sum()));
        for (StartupReport.UnusedJar jar : startup.unusedJars()) {
            out.printf(Locale.ROOT, "  %-48s %10s%n", Units.printable(jar.library()), Units.bytes(jar.bytes()));
        }
    }
}
