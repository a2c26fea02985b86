package dev.memprof.report;

import dev.memprof.analysis.diff.DiffTree;
import dev.memprof.analysis.diff.Normalization;
import dev.memprof.analysis.diff.RecordingDiff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code memprof diff --format json}: the two recordings, the sites and libraries that changed most, and the merged
 * stacks with both recordings' values; and the payload of the differential flamegraph page, in the shape the report's
 * scripts draw ({@code tree}, {@code frames}, rows of {@code allocations}; the base recording's rows beside them).
 */
public final class DiffJsonReport {
    public static final int SCHEMA_VERSION = 1;

    private DiffJsonReport() {}

    public static void write(RecordingDiff diff, Writer out) {
        JsonWriter json = new JsonWriter(out).beginObject();
        json.field("memprofDiff", SCHEMA_VERSION).field("normalize", name(diff.normalization()))
                .field("unit", diff.normalization() == Normalization.SHARES ? "percent" : "bytes/s");
        side(json.name("base"), diff.base());
        side(json.name("new"), diff.next());
        tree(json.name("allocations"), diff.allocations());
        if (diff.live() == null) json.name("live").value((String) null); else tree(json.name("live"), diff.live());
        json.field("liveMissing", diff.liveMissing());
        json.endObject();
        flush(out);
    }

    /** The command line's word for a normalisation. */
    public static String name(Normalization normalization) {
        return normalization == Normalization.SHARES ? "shares" : "per-second";
    }

    private static void side(JsonWriter json, RecordingDiff.Side side) {
        json.beginObject().field("file", side.file()).field("commandLine", side.commandLine())
                .field("durationMillis", side.durationNanos() / 1_000_000).field("allocatedBytes", side.allocatedBytes())
                .field("samples", side.samples()).field("liveSamples", side.liveSamples()).endObject();
    }

    private static void tree(JsonWriter json, DiffTree tree) {
        json.beginObject();
        changes(json.name("sites"), RecordingDiff.sites(tree));
        changes(json.name("libraries"), RecordingDiff.libraries(tree));
        json.name("stacks").beginObject()
                .column("parent", tree.size(), tree::parent)
                .name("frame").beginArray();
        for (int n = 0; n < tree.size(); n++) json.value(tree.name(n));
        json.endArray().name("library").beginArray();
        for (int n = 0; n < tree.size(); n++) json.value(tree.library(n));
        json.endArray();
        values(json, "base", tree, DiffTree.BASE);
        values(json, "new", tree, DiffTree.NEW);
        json.endObject().endObject();
    }

    private static void values(JsonWriter json, String name, DiffTree tree, int side) {
        json.name(name).beginArray();
        for (int n = 0; n < tree.size(); n++) json.value(tree.self(side, n));
        json.endArray();
    }

    private static void changes(JsonWriter json, List<RecordingDiff.Change> changes) {
        json.beginArray();
        for (RecordingDiff.Change c : changes.subList(0, Math.min(JsonWriter.TOP, changes.size()))) {
            json.beginObject().field("name", c.name()).field("library", c.library()).field("base", c.base())
                    .field("new", c.next()).field("change", c.delta()).endObject();
        }
        json.endArray();
    }

    /** The flamegraph page's payload: the merged tree as the report's {@code tree}/{@code frames}, one row per leaf. */
    static void writePayload(RecordingDiff diff, Writer out) {
        DiffTree tree = diff.allocations();
        JsonWriter json = new JsonWriter(out).beginObject();
        json.name("diff").beginObject().field("unit", diff.normalization() == Normalization.SHARES ? "percent" : "bytes/s")
                .field("liveMissing", diff.liveMissing()).endObject();
        Map<String, Integer> libraryIds = new HashMap<>();
        List<String> libraries = new ArrayList<>();
        int[] library = new int[tree.size()], frame = new int[tree.size()];
        for (int n = 0; n < tree.size(); n++) {
            library[n] = libraryIds.computeIfAbsent(tree.library(n), name -> { libraries.add(name); return libraries.size() - 1; });
            frame[n] = n;
        }
        json.array("libraries", libraries).array("threads", List.of("all threads")).array("objectClasses", List.of(""));
        json.name("frames").beginObject().name("name").beginArray();
        for (int n = 0; n < tree.size(); n++) json.value(tree.name(n));
        json.endArray().array("library", library, library.length).endObject();
        json.name("tree").beginObject().column("parent", tree.size(), tree::parent).array("frame", frame, frame.length).endObject();
        rows(json.name("allocations"), tree, DiffTree.NEW);
        rows(json.name("baseAllocations"), tree, DiffTree.BASE);
        json.name("live").beginObject();
        rows(json.name("objects"), diff.live(), DiffTree.NEW);
        json.endObject();
        rows(json.name("baseLive"), diff.live(), DiffTree.BASE);
        json.name("timeline").beginObject().field("buckets", 1)
                .field("bucketMillis", Math.max(diff.base().durationNanos(), diff.next().durationNanos()) / 1_000_000).endObject();
        json.endObject();
        flush(out);
    }

    /** Rows as the report's scripts read them, one per node allocated at; no tree (no live objects): no rows. */
    private static void rows(JsonWriter json, DiffTree tree, int side) {
        List<Integer> nodes = new ArrayList<>();
        for (int n = 1; tree != null && n < tree.size(); n++) if (tree.self(side, n) > 0) nodes.add(n);
        json.beginObject().column("node", nodes.size(), nodes::get).column("thread", nodes.size(), r -> 0)
                .column("objectClass", nodes.size(), r -> 0).column("bucket", nodes.size(), r -> 0)
                .column("samples", nodes.size(), r -> 0);
        json.name("bytes").beginArray();
        for (int n : nodes) json.value(tree.self(side, n));
        json.endArray().endObject();
    }

    private static void flush(Writer out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
