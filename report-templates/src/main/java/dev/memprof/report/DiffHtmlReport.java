package dev.memprof.report;

import dev.memprof.analysis.diff.Normalization;
import dev.memprof.analysis.diff.RecordingDiff;

import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code memprof diff --format html}: a differential flamegraph (widths from the new recording, or the base; red grew,
 * blue shrank) with the report's search, zoom and legend, and the tables of what changed most. The report's layout
 * ({@code base.ftlh}) and flamegraph script draw it, from the payload of {@link DiffJsonReport#writePayload}.
 */
public final class DiffHtmlReport {
    private DiffHtmlReport() {}

    /** A row of a table of changes, formatted for people. */
    public record ChangeRow(String name, String library, String base, String next, String change, String relative) {}

    public static void write(RecordingDiff diff, Writer out) {
        StringWriter payload = new StringWriter();
        DiffJsonReport.writePayload(diff, payload);
        Normalization normalization = diff.normalization();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "diff");
        model.put("commandLine", "base: " + diff.base().commandLine() + "  ·  new: " + diff.next().commandLine());
        model.put("facts", facts(diff));
        model.put("warnings", List.of());
        model.put("profileJson", payload.toString());
        model.put("compared", DiffTextReport.compared(normalization));
        model.put("liveMissing", diff.liveMissing() == null ? "" : "Live objects not compared: " + diff.liveMissing());
        model.put("sites", rows(RecordingDiff.sites(diff.allocations()), normalization));
        model.put("libraries", rows(RecordingDiff.libraries(diff.allocations()), normalization));
        HtmlReport.process(HtmlReport.template("diff.ftlh"), model, out);
    }

    private static List<HtmlReport.Fact> facts(RecordingDiff diff) {
        List<HtmlReport.Fact> facts = new ArrayList<>();
        for (var side : List.of(diff.base(), diff.next())) {
            String which = side == diff.base() ? "base" : "new";
            facts.add(new HtmlReport.Fact(which, side.file(), side.commandLine()));
            facts.add(new HtmlReport.Fact(which + " duration", Units.seconds(side.durationNanos()), ""));
            facts.add(new HtmlReport.Fact(which + " allocated", Units.bytes(side.allocatedBytes()), side.samples() + " samples"));
        }
        facts.add(new HtmlReport.Fact("compared", DiffJsonReport.name(diff.normalization()), DiffTextReport.compared(diff.normalization())));
        return facts;
    }

    private static List<ChangeRow> rows(List<RecordingDiff.Change> changes, Normalization normalization) {
        return changes.subList(0, Math.min(JsonWriter.TOP, changes.size())).stream()
                .map(c -> new ChangeRow(c.name(), c.library(), DiffTextReport.value(c.base(), normalization),
                        DiffTextReport.value(c.next(), normalization), DiffTextReport.signed(c.delta(), normalization),
                        DiffTextReport.relative(c)))
                .toList();
    }
}
