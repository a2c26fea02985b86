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
import java.util.function.IntUnaryOperator;
import java.util.function.ToLongFunction;

/**
 * {@code --view native}: native memory (async-profiler's nativemem, {@code memprof run|attach --native}) by stack:
 * what was malloc'ed, and what of it was not freed by the end of the recording, largest first. Text, collapsed
 * stacks (bytes not freed), and the {@code native} part of the JSON document.
 */
public final class NativeReport {
    static final int TOP = 10;

    private NativeReport() {}

    /** Stacks with a non-zero {@code value}, largest first (ties: by stack node, so the order is stable). */
    static List<NativeMemory.Site> top(Profile profile, ToLongFunction<NativeMemory.Site> value) {
        List<NativeMemory.Site> sites = new ArrayList<>(profile.nativeMemory().bySite());
        sites.removeIf(site -> value.applyAsLong(site) == 0);
        sites.sort(Comparator.comparingLong(value).reversed().thenComparingInt(NativeMemory.Site::node));
        return sites;
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
        section(out, profile, "Not freed by the end, by stack", top(profile, NativeMemory.Site::unfreedBytes),
                NativeMemory.Site::unfreedBytes, NativeMemory.Site::unfreedCount, memory.totalUnfreedBytes());
        out.println();
        section(out, profile, "Malloc'ed, by stack", top(profile, NativeMemory.Site::bytes), NativeMemory.Site::bytes,
                NativeMemory.Site::count, memory.totalBytes());
        out.flush();
    }

    private static void section(PrintWriter out, Profile profile, String title, List<NativeMemory.Site> sites,
                                ToLongFunction<NativeMemory.Site> bytes, ToLongFunction<NativeMemory.Site> count, long total) {
        out.println(title);
        if (sites.isEmpty()) out.println("  (none)");
        int rank = 0;
        for (NativeMemory.Site site : sites.subList(0, Math.min(TOP, sites.size()))) {
            out.printf(Locale.ROOT, "%3d. %10s %5.1f%%  %d allocations%n", ++rank, Units.bytes(bytes.applyAsLong(site)),
                    Units.percent(bytes.applyAsLong(site), total), count.applyAsLong(site));
            Stacks.print(profile, site.node(), out);
        }
    }

    /** One line per stack with native memory not freed by the end: frames root first, then the bytes. */
    public static void writeCollapsed(Profile profile, Writer writer) {
        List<String> lines = new ArrayList<>();
        for (NativeMemory.Site site : top(profile, NativeMemory.Site::unfreedBytes)) {
            StringBuilder line = new StringBuilder();
            for (int frame : profile.tree().framesRootFirst(site.node())) {
                if (line.length() > 0) line.append(';');
                line.append(Units.printable(profile.frames().name(frame)).replace(' ', '_'));
            }
            lines.add(line.append(' ').append(site.unfreedBytes()).toString());
        }
        lines.sort(null);
        PrintWriter out = new PrintWriter(writer);
        lines.forEach(out::println);
        out.flush();
    }

    /**
     * The {@code native} member of the JSON document: totals, the top stacks not freed and malloc'ed, and every row
     * ({@code node} of the document's tree, {@code thread}, {@code bucket} of the mallocs, {@code bytes}, {@code count},
     * {@code unfreedBytes}, {@code unfreedCount}); {@code node} maps a node of the recording's tree to the document's.
     */
    static void writeJson(Profile profile, JsonWriter json, IntUnaryOperator node) {
        NativeMemory memory = profile.nativeMemory();
        int n = memory.size();
        json.name("native").beginObject()
                .field("mallocBytes", memory.totalBytes())
                .field("unfreedBytes", memory.totalUnfreedBytes());
        topJson(profile, json, "topUnfreed", NativeMemory.Site::unfreedBytes, NativeMemory.Site::unfreedCount, memory.totalUnfreedBytes());
        topJson(profile, json, "topMalloc", NativeMemory.Site::bytes, NativeMemory.Site::count, memory.totalBytes());
        json.name("rows").beginObject().column("node", n, r -> node.applyAsInt(memory.node(r))).column("thread", n, memory::thread)
                .column("bucket", n, memory::bucket).column("bytes", n, memory::bytes).column("count", n, memory::count)
                .column("unfreedBytes", n, memory::unfreedBytes).column("unfreedCount", n, memory::unfreedCount).endObject();
        json.endObject();
    }

    private static void topJson(Profile profile, JsonWriter json, String name, ToLongFunction<NativeMemory.Site> bytes,
                                ToLongFunction<NativeMemory.Site> count, long total) {
        List<NativeMemory.Site> sites = top(profile, bytes);
        json.name(name).beginArray();
        for (NativeMemory.Site site : sites.subList(0, Math.min(JsonWriter.TOP, sites.size()))) {
            json.beginObject().field("bytes", bytes.applyAsLong(site)).field("percent", Units.percent(bytes.applyAsLong(site), total))
                    .field("count", count.applyAsLong(site));
            json.name("stack").beginArray();
            for (int n = site.node(); n != CallTree.ROOT; n = profile.tree().parent(n)) json.value(profile.frameName(n));
            json.endArray().endObject();
        }
        json.endArray();
    }
}
