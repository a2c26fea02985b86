package dev.memprof.report;

import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.NativeMemory;
import dev.memprof.analysis.Profile;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToLongFunction;

/**
 * {@code --view native}: native memory (async-profiler's nativemem, {@code memprof run|attach --native}) by stack:
 * what was malloc'ed, and what of it was not freed by the end of the recording, largest first. Text, collapsed
 * stacks (bytes not freed), and the {@code native} part of the JSON document.
 */
public final class NativeReport {
    static final int TOP = 10;

    private NativeReport() {}

    /** Rows of {@link NativeMemory} with a non-zero {@code value}, largest first (ties: by stack node). */
    static List<Integer> top(NativeMemory memory, IntToLongFunction value) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < memory.size(); r++) if (value.applyAsLong(r) > 0) rows.add(r);
        rows.sort(Comparator.comparingLong((Integer r) -> value.applyAsLong(r)).reversed().thenComparingInt(memory::node));
        return rows;
    }

    public static void writeText(Profile profile, Writer writer) {
        PrintWriter out = new PrintWriter(writer);
        NativeMemory memory = profile.nativeMemory();
        out.println("Recording   " + Units.printable(profile.info().file()));
        out.println("Duration    " + Units.seconds(profile.info().durationNanos()));
        out.printf(Locale.ROOT, "Native      %s malloc'ed, %s of it not freed by the end%n",
                Units.bytes(memory.totalBytes()), Units.bytes(memory.totalUnfreedBytes()));
        for (String warning : profile.info().warnings()) out.println("Warning     " + Units.printable(warning));
        out.println();
        if (memory.isEmpty()) {
            out.println("No native memory in this recording: record with memprof run|attach --native (async-profiler's nativemem).");
            out.flush();
            return;
        }
        section(out, profile, "Not freed by the end, by stack", top(memory, memory::unfreedBytes), memory::unfreedBytes,
                memory::unfreedCount, memory.totalUnfreedBytes());
        out.println();
        section(out, profile, "Malloc'ed, by stack", top(memory, memory::bytes), memory::bytes, memory::count, memory.totalBytes());
        out.flush();
    }

    private static void section(PrintWriter out, Profile profile, String title, List<Integer> rows, IntToLongFunction bytes,
                                IntToLongFunction count, long total) {
        out.println(title);
        if (rows.isEmpty()) out.println("  (none)");
        int rank = 0;
        for (int row : rows.subList(0, Math.min(TOP, rows.size()))) {
            out.printf(Locale.ROOT, "%3d. %10s %5.1f%%  %d allocations%n", ++rank, Units.bytes(bytes.applyAsLong(row)),
                    JsonReport.percent(bytes.applyAsLong(row), total), count.applyAsLong(row));
            int depth = 0;
            for (int n = profile.nativeMemory().node(row); n != CallTree.ROOT; n = profile.tree().parent(n)) {
                if (depth++ == TextReport.MAX_STACK) {
                    out.println("          ... " + profile.tree().depth(n) + " more");
                    break;
                }
                out.println("          at " + Units.printable(profile.frameName(n)));
            }
        }
    }

    /** One line per stack with native memory not freed by the end: frames root first, then the bytes. */
    public static void writeCollapsed(Profile profile, Writer writer) {
        NativeMemory memory = profile.nativeMemory();
        List<String> lines = new ArrayList<>();
        for (int row : top(memory, memory::unfreedBytes)) {
            StringBuilder line = new StringBuilder();
            for (int frame : profile.tree().framesRootFirst(memory.node(row))) {
                if (line.length() > 0) line.append(';');
                line.append(Units.printable(profile.frames().name(frame)).replace(' ', '_'));
            }
            lines.add(line.append(' ').append(memory.unfreedBytes(row)).toString());
        }
        lines.sort(null);
        PrintWriter out = new PrintWriter(writer);
        lines.forEach(out::println);
        out.flush();
    }

    /**
     * The {@code native} member of the JSON document: totals, the top stacks not freed and malloc'ed, and every row
     * ({@code node} of the document's tree, {@code bytes}, {@code count}, {@code unfreedBytes}, {@code unfreedCount}).
     */
    static void writeJson(Profile profile, JsonWriter json) {
        NativeMemory memory = profile.nativeMemory();
        int n = memory.size();
        int[] node = new int[n];
        long[] bytes = new long[n], count = new long[n], unfreedBytes = new long[n], unfreedCount = new long[n];
        for (int r = 0; r < n; r++) {
            node[r] = memory.node(r);
            bytes[r] = memory.bytes(r);
            count[r] = memory.count(r);
            unfreedBytes[r] = memory.unfreedBytes(r);
            unfreedCount[r] = memory.unfreedCount(r);
        }
        json.name("native").beginObject()
                .field("mallocBytes", memory.totalBytes())
                .field("unfreedBytes", memory.totalUnfreedBytes());
        topJson(profile, json, "topUnfreed", top(memory, memory::unfreedBytes), memory::unfreedBytes, memory::unfreedCount,
                memory.totalUnfreedBytes());
        topJson(profile, json, "topMalloc", top(memory, memory::bytes), memory::bytes, memory::count, memory.totalBytes());
        json.name("rows").beginObject().array("node", node, n).array("bytes", bytes, n).array("count", count, n)
                .array("unfreedBytes", unfreedBytes, n).array("unfreedCount", unfreedCount, n).endObject();
        json.endObject();
    }

    private static void topJson(Profile profile, JsonWriter json, String name, List<Integer> rows, IntToLongFunction bytes,
                                IntToLongFunction count, long total) {
        json.name(name).beginArray();
        for (int row : rows.subList(0, Math.min(JsonReport.TOP, rows.size()))) {
            json.beginObject().field("bytes", bytes.applyAsLong(row)).field("percent", JsonReport.percent(bytes.applyAsLong(row), total))
                    .field("count", count.applyAsLong(row));
            json.name("stack").beginArray();
            for (int n = profile.nativeMemory().node(row); n != CallTree.ROOT; n = profile.tree().parent(n)) json.value(profile.frameName(n));
            json.endArray().endObject();
        }
        json.endArray();
    }
}
