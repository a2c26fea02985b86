package dev.memprof.report;

import dev.memprof.analysis.baseline.BaselineComparison.Growth;
import dev.memprof.analysis.baseline.BaselineComparison.Row;
import dev.memprof.analysis.baseline.BaselineComparison.Status;
import dev.memprof.analysis.baseline.BaselineComparison;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** {@code memprof check}'s verdict for people (text), GitHub step summaries (Markdown) and CI servers (JUnit XML). */
public final class CheckReport {
    static final int TOP_GROWTH = 8;

    private CheckReport() {}

    public static void text(BaselineComparison.Result result, Writer writer) {
        PrintWriter out = new PrintWriter(writer);
        out.printf(Locale.ROOT, "%-10s %12s %12s %9s %12s  %s%n", "METRIC", "BASELINE", "NOW", "CHANGE", "ALLOWED", "");
        for (Row row : result.rows()) {
            out.printf(Locale.ROOT, "%-10s %12s %12s %9s %12s  %s%n", row.metric(), value(row, row.baseline()),
                    value(row, row.now()), change(row), "+" + value(row, row.allowed()), word(row.status()));
        }
        if (!result.holders().isEmpty()) {
            out.println();
            out.println("What grew at startup, by what holds it (heap snapshots at startup's end):");
            for (BaselineComparison.HolderGrowth h : result.holders().subList(0, Math.min(TOP_GROWTH, result.holders().size()))) {
                out.println("  " + holderGrowth(h));
            }
        }
        List<Growth> grew = result.grew();
        if (!grew.isEmpty()) {
            out.println();
            out.println("What grew at startup, by library:");
            for (Growth g : grew.subList(0, Math.min(TOP_GROWTH, grew.size()))) {
                out.println("  " + Units.printable(g.library()) + (g.isNew() ? " (new at startup)" : "") + ": " + growth(g));
                if (!g.evidence().isEmpty()) out.println("      " + Units.printable(g.evidence()));
            }
        }
        if (!result.packages().isEmpty()) {
            out.println();
            out.println("Packages with more classes at startup:");
            for (BaselineComparison.PackageGrowth p : result.packages().subList(0, Math.min(TOP_GROWTH, result.packages().size()))) {
                out.printf(Locale.ROOT, "  %-50s %+6d classes (%d -> %d)%n", Units.printable(p.name()),
                        p.classes() - p.baselineClasses(), p.baselineClasses(), p.classes());
            }
        }
        out.flush();
    }

    public static void markdown(BaselineComparison.Result result, String verdict, Writer writer) {
        PrintWriter out = new PrintWriter(writer);
        out.println("### memprof check: " + markdownText(verdict));
        out.println();
        out.println("| metric | baseline | now | change | allowed | |");
        out.println("|---|---:|---:|---:|---:|---|");
        for (Row row : result.rows()) {
            out.println("| " + row.metric() + " | " + value(row, row.baseline()) + " | " + value(row, row.now()) + " | "
                    + change(row) + " | +" + value(row, row.allowed()) + " | " + word(row.status()) + " |");
        }
        for (BaselineComparison.HolderGrowth h : result.holders().subList(0, Math.min(TOP_GROWTH, result.holders().size()))) {
            out.println();
            out.println("- " + markdownText(holderGrowth(h)));
        }
        if (!result.grew().isEmpty()) {
            out.println();
            out.println("What grew at startup, by library:");
            out.println();
            for (Growth g : result.grew().subList(0, Math.min(TOP_GROWTH, result.grew().size()))) {
                out.println("- `" + markdownText(g.library()).replace("`", "'") + "`" + (g.isNew() ? " (new at startup)" : "") + ": "
                        + growth(g) + (g.evidence().isEmpty() ? "" : "; " + markdownText(g.evidence())));
            }
        }
        out.flush();
    }

    /** One test case per metric; a regression is a failure with the numbers. */
    public static void junit(BaselineComparison.Result result, Writer writer) {
        PrintWriter out = new PrintWriter(writer);
        long failures = result.rows().stream().filter(r -> r.status() == Status.REGRESSED).count();
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.println("<testsuite name=\"memprof check\" tests=\"" + result.rows().size() + "\" failures=\"" + failures + "\" errors=\"0\">");
        for (Row row : result.rows()) {
            out.print("  <testcase classname=\"memprof.check.startup\" name=\"" + row.metric() + "\"");
            if (row.status() != Status.REGRESSED) {
                out.println("/>");
                continue;
            }
            String message = row.metric() + " grew " + change(row) + ": " + value(row, row.baseline()) + " -> "
                    + value(row, row.now()) + " (allowed +" + value(row, row.allowed()) + ")";
            out.println(">");
            out.println("    <failure message=\"" + xml(message) + "\">" + xml(message) + growthLines(result) + "</failure>");
            out.println("  </testcase>");
        }
        out.println("</testsuite>");
        out.flush();
    }

    private static String growthLines(BaselineComparison.Result result) {
        StringBuilder lines = new StringBuilder();
        for (BaselineComparison.HolderGrowth h : result.holders().subList(0, Math.min(TOP_GROWTH, result.holders().size()))) {
            lines.append('\n').append(xml(holderGrowth(h)));
        }
        for (Growth g : result.grew().subList(0, Math.min(TOP_GROWTH, result.grew().size()))) {
            lines.append('\n').append(xml(g.library() + (g.isNew() ? " (new at startup)" : "") + ": " + growth(g)));
        }
        return lines.toString();
    }

    /** {@code +2.0 MiB held by static field com.example.Catalog.CACHE (new since the baseline)}. */
    static String holderGrowth(BaselineComparison.HolderGrowth h) {
        return signed(h.bytes() - h.baselineBytes()) + " held by " + Units.printable(h.holder()) + (h.baselineBytes() == 0
                ? " (new since the baseline)" : " (" + Units.bytes(h.baselineBytes()) + " -> " + Units.bytes(h.bytes()) + ")");
    }

    private static String growth(Growth g) {
        StringBuilder s = new StringBuilder();
        if (g.classes() != 0) s.append(String.format(Locale.ROOT, "%+d classes", g.classes()));
        if (g.retainedBytes() != 0) s.append(s.isEmpty() ? "" : ", ").append("retained ").append(signed(g.retainedBytes()));
        if (g.allocatedBytes() != 0) s.append(s.isEmpty() ? "" : ", ").append("allocated ").append(signed(g.allocatedBytes()));
        return s.isEmpty() ? "no change" : s.toString();
    }

    private static String signed(long bytes) {
        return (bytes >= 0 ? "+" : "-") + Units.bytes(Math.abs(bytes));
    }

    private static String value(Row row, long value) {
        return row.metric().equals("classes") ? Long.toString(value) : Units.bytes(value);
    }

    private static String change(Row row) {
        return String.format(Locale.ROOT, "%+.1f%%", row.changePercent());
    }

    private static String word(Status status) {
        return switch (status) {
            case OK -> "ok";
            case REGRESSED -> "REGRESSED";
            case IMPROVED -> "improved";
        };
    }

    private static String xml(String s) {
        return Units.printable(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String markdownText(String s) {
        return Units.printable(s).replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|");
    }
}
