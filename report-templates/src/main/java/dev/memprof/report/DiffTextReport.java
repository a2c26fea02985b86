package dev.memprof.report;

import dev.memprof.analysis.diff.Normalization;
import dev.memprof.analysis.diff.RecordingDiff;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** {@code memprof diff} for a terminal: the two recordings, then the sites and libraries that changed most. */
public final class DiffTextReport {
    static final int TOP = 10;

    private DiffTextReport() {}

    public static void write(RecordingDiff diff, Writer writer) {
        PrintWriter out = new PrintWriter(writer);
        side(out, "Base", diff.base());
        side(out, "New", diff.next());
        out.println("Compared    " + compared(diff.normalization()));
        changes(out, "Allocation sites that changed most (a stack's first frame that is not the JDK's)",
                "SITE (LIBRARY)", RecordingDiff.sites(diff.allocations()), diff.normalization());
        changes(out, "Libraries that changed most (by their allocation sites)", "LIBRARY",
                RecordingDiff.libraries(diff.allocations()), diff.normalization());
        out.println();
        if (diff.live() == null) {
            out.println("Live objects: not compared: " + Units.printable(diff.liveMissing()));
        } else {
            changes(out, "Live objects: sites whose share of the sampled live objects changed most",
                    "SITE (LIBRARY)", RecordingDiff.sites(diff.live()), Normalization.SHARES);
        }
        out.flush();
    }

    /** What the numbers are, in words. */
    static String compared(Normalization normalization) {
        return normalization == Normalization.SHARES
                ? "shares: percent of each recording's allocated bytes (live objects: of its sampled live objects)"
                : "bytes allocated per second of each recording (live objects: shares of its sampled live objects)";
    }

    private static void side(PrintWriter out, String label, RecordingDiff.Side side) {
        double seconds = side.durationNanos() / 1e9;
        out.printf(Locale.ROOT, "%-11s %s: %s, %s allocated (%s/s), %d live-object samples%n", label,
                Units.printable(side.file()), Units.seconds(side.durationNanos()), Units.bytes(side.allocatedBytes()),
                Units.bytes(seconds > 0 ? (long) (side.allocatedBytes() / seconds) : -1), side.liveSamples());
    }

    private static void changes(PrintWriter out, String title, String what, List<RecordingDiff.Change> changes,
                                Normalization normalization) {
        out.println();
        out.println(title);
        out.printf(Locale.ROOT, "  %12s %12s %13s %8s  %s%n", "BASE", "NEW", "CHANGE", "", what);
        for (RecordingDiff.Change c : changes.subList(0, Math.min(TOP, changes.size()))) {
            out.printf(Locale.ROOT, "  %12s %12s %13s %8s  %s%n", value(c.base(), normalization), value(c.next(), normalization),
                    signed(c.delta(), normalization), relative(c), Units.printable(c.name())
                            + (c.name().equals(c.library()) ? "" : " (" + Units.printable(c.library()) + ")"));
        }
        if (changes.isEmpty()) out.println("  (no allocation samples in either recording)");
    }

    /** A normalised value: {@code 12.0 MiB/s} or {@code 12.34%}. */
    static String value(double v, Normalization normalization) {
        return normalization == Normalization.SHARES ? String.format(Locale.ROOT, "%.2f%%", v) : Units.bytes(Math.round(v)) + "/s";
    }

    /** A change with its sign: {@code +3.0 MiB/s}, {@code -0.50%}. */
    static String signed(double delta, Normalization normalization) {
        return (delta < 0 ? "-" : "+") + value(Math.abs(delta), normalization);
    }

    /** The change relative to the base: {@code +300%}, or {@code new} for what the base did not have. */
    static String relative(RecordingDiff.Change c) {
        if (c.base() == 0) return "new";
        return String.format(Locale.ROOT, "%+.0f%%", 100 * c.delta() / c.base());
    }
}
