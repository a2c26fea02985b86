package dev.memprof.report;

import dev.memprof.analysis.AllocationSummary;
import dev.memprof.analysis.AllocationTable;
import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.FrameTable;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.RecordingInfo;
import dev.memprof.analysis.Timeline;
import dev.memprof.analysis.live.LiveObjects;
import dev.memprof.analysis.startup.DeferrableLibrary;
import dev.memprof.analysis.startup.StartupReport;

import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntUnaryOperator;

/**
 * The profile as one JSON document (schema in docs/reports.md, "JSON output"): a summary for people and CI
 * ({@code recording}, {@code totals}, {@code topSites}, {@code topClasses}) and the full data in
 * compact columns ({@code frames}, {@code tree}, {@code allocations}, {@code timeline}). The HTML
 * report embeds this same document, with the page's tree and frames ({@link PageTree}) and the rows packed, and draws
 * from it.
 */
public final class JsonReport {
    public static final int SCHEMA_VERSION = 1;

    private JsonReport() {}

    public static void write(Profile profile, Writer out) {
        write(profile, out, false);
    }

    /**
     * Allocation rows the HTML report packs before it merges time buckets: about 3 bytes each in the page, so that
     * the page stays under 1 MB (a 500 MB recording has 260,000 rows).
     */
    static final int MAX_PACKED_ROWS = 1 << 17;

    /** @param packAllocations write {@code allocations} packed, for the HTML report (see {@link PackedAllocations}) */
    static void write(Profile profile, Writer out, boolean packAllocations) {
        write(profile, out, packAllocations ? MAX_PACKED_ROWS : 0);
    }

    /** @param maxPackedRows write {@code allocations} packed, with at most that many rows; 0: as JSON arrays */
    static void write(Profile profile, Writer out, int maxPackedRows) {
        write(profile, out, maxPackedRows > 0 ? packAllocations(profile, maxPackedRows) : null);
    }

    /** What the HTML report's document holds in place of the recording's tree, frames and rows: see {@link PageTree}. */
    record Page(PageTree tree, PackedAllocations.Packed packedTree, PackedAllocations.Packed allocations) {}

    /**
     * Makes the page's tree and packs {@code allocations} for the HTML report on another thread: the slowest part of
     * writing the page, done while the rest of the page is made (at the end of a report the second core is otherwise
     * idle).
     */
    static CompletableFuture<Page> packAllocations(Profile profile, int maxPackedRows) {
        return CompletableFuture.supplyAsync(() -> {
            PageTree tree = PageTree.of(profile);
            AllocationTable rows = profile.allocations();
            int[] node = new int[rows.size()];
            for (int r = 0; r < node.length; r++) node[r] = tree.node(rows.node(r));
            return new Page(tree, PackedTree.pack(tree), PackedAllocations.pack(node, rows.threadColumn(), ObjectClasses.of(profile).rowClass,
                    rows.bucketColumn(), rows.bytesColumn(), rows.samplesColumn(), rows.size(), maxPackedRows,
                    profile.timeline().buckets()));
        }, task -> { // a thread of its own, named for profiles, that cannot hold the JVM
            Thread thread = new Thread(task, "memprof-page-packing");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * @param packed the page's tree and {@code allocations} packed ({@link #packAllocations}), or null to write the
     *               recording's tree and frames, and the rows as JSON arrays
     */
    static void write(Profile profile, Writer out, CompletableFuture<Page> packed) {
        JsonWriter json = new JsonWriter(out);
        RecordingInfo info = profile.info();
        Timeline timeline = profile.timeline();
        AllocationTable rows = profile.allocations();
        long total = rows.totalBytes();

        json.beginObject().field("schemaVersion", SCHEMA_VERSION);
        json.name("recording").beginObject()
                .field("file", info.file())
                .field("jvmName", info.jvmName())
                .field("jvmVersion", info.jvmVersion())
                .field("commandLine", info.commandLine())
                .field("pid", info.pid())
                .field("startEpochMillis", info.startEpochNanos() / 1_000_000)
                .field("durationMillis", info.durationNanos() / 1_000_000)
                .field("chunks", info.chunks())
                .field("codeSources", info.codeSources())
                .array("warnings", info.warnings());
        if (profile.window().whole()) {
            json.name("window").value((String) null);
        } else {
            json.name("window").beginObject()
                    .field("fromMillis", Math.max(0, profile.window().fromEpochNanos() - info.startEpochNanos()) / 1_000_000)
                    .field("toMillis", Math.min(info.durationNanos(), profile.window().toEpochNanos() - info.startEpochNanos()) / 1_000_000)
                    .endObject();
        }
        json.endObject();
        json.name("totals").beginObject()
                .field("allocatedBytes", total)
                .field("samples", rows.totalSamples())
                .field("gcCount", timeline.gcCount())
                .field("heapAfterGcMinBytes", timeline.minHeapAfterGc())
                .field("heapAfterGcMaxBytes", timeline.maxHeapAfterGc())
                .field("peakHeapUsedBytes", timeline.peakHeapUsed())
                .endObject();

        json.name("topSites").beginArray();
        for (AllocationSummary.Entry site : first(AllocationSummary.bySite(profile))) {
            json.beginObject().field("bytes", site.bytes()).field("percent", Units.percent(site.bytes(), total))
                    .field("samples", site.samples());
            json.name("stack").beginArray();
            for (int n = site.key(); n != CallTree.ROOT; n = profile.tree().parent(n)) json.value(profile.frameName(n));
            json.endArray().endObject();
        }
        json.endArray();
        json.name("topClasses").beginArray();
        for (AllocationSummary.Entry c : first(AllocationSummary.byClass(profile))) {
            json.beginObject().field("class", profile.classes().get(c.key())).field("bytes", c.bytes())
                    .field("percent", Units.percent(c.bytes(), total)).field("samples", c.samples()).endObject();
        }
        json.endArray();
        startup(json, profile.startup());

        Page page = packed == null ? null : join(packed);
        IntUnaryOperator node = page == null ? IntUnaryOperator.identity() : page.tree()::node;
        if (page == null) {
            recordingTree(profile, json);
        } else {
            json.array("libraries", page.tree().libraries());
            PackedAllocations.Packed tree = page.packedTree();
            json.name("tree").beginObject().field("packed", tree.data()).field("deflated", tree.deflated())
                    .field("size", tree.size()).endObject();
        }

        json.array("threads", profile.threads().asList());
        ObjectClasses objectClasses = ObjectClasses.of(profile);
        json.name("objectClasses").beginArray();
        for (int c : objectClasses.written) json.value(profile.classes().get(c));
        json.endArray();

        int n = rows.size();
        if (page != null) {
            PackedAllocations.Packed rowsPacked = page.allocations();
            json.name("allocations").beginObject().field("packed", rowsPacked.data()).field("deflated", rowsPacked.deflated())
                    .field("size", rowsPacked.size()).field("bucketSpan", rowsPacked.bucketSpan()).endObject();
        } else {
            json.name("allocations").beginObject()
                    .array("node", rows.nodeColumn(), n).array("thread", rows.threadColumn(), n)
                    .array("objectClass", objectClasses.rowClass, n).array("bucket", rows.bucketColumn(), n)
                    .array("bytes", rows.bytesColumn(), n).array("samples", rows.samplesColumn(), n)
                    .endObject();
        }

        int buckets = timeline.buckets();
        json.name("timeline").beginObject()
                .field("bucketMillis", timeline.bucketNanos() / 1e6)
                .field("buckets", buckets)
                .column("heapAfterGcMinBytes", buckets, timeline.heapAfterGcMin()::get)
                .column("heapAfterGcMaxBytes", buckets, timeline.heapAfterGcMax()::get)
                .column("heapCommittedBytes", buckets, timeline.heapCommitted()::get)
                .column("metaspaceUsedBytes", buckets, timeline.metaspaceUsed()::get)
                .array("allocatedBytes", profile.allocationRate().bytesByBucket(), buckets)
                .endObject();
        LiveReports.writeTrend(profile.liveSetTrend(), json);
        LiveReports.writeLive(profile, json, objectClasses.liveRowClass, node);
        NativeReport.writeJson(profile, json, node);
        json.endObject();
    }

    /** The recording's libraries, frames and tree, whole. */
    private static void recordingTree(Profile profile, JsonWriter json) {
        json.array("libraries", profile.libraries().asList());
        FrameTable frames = profile.frames();
        int[] frameLibrary = new int[frames.size()];
        json.name("frames").beginObject().name("name").beginArray();
        for (int f = 0; f < frames.size(); f++) {
            json.value(frames.name(f));
            frameLibrary[f] = frames.library(f);
        }
        json.endArray().array("library", frameLibrary, frameLibrary.length).endObject();

        CallTree tree = profile.tree();
        int[] parent = new int[tree.size()], frame = new int[tree.size()];
        for (int n = 0; n < tree.size(); n++) {
            parent[n] = tree.parent(n);
            frame[n] = tree.frame(n);
        }
        json.name("tree").beginObject().array("parent", parent, parent.length)
                .array("frame", frame, frame.length).endObject();
    }

    static Page join(CompletableFuture<Page> packed) {
        try {
            return packed.join();
        } catch (CompletionException e) { // as if packed on this thread
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    /** {@code startup} (when and how it ended, what cannot be known) and {@code deferrable}, best candidate first. */
    private static void startup(JsonWriter json, StartupReport startup) {
        json.name("startup").beginObject()
                .field("mode", startup.mode())
                .field("rule", startup.rule())
                .field("endMillis", startup.endOffsetNanos() / 1e6)
                .field("samplesAfterStartup", startup.samplesAfterStartup())
                .field("score", StartupReport.SCORE)
                .array("notes", startup.notes())
                .endObject();
        json.name("deferrable").beginArray();
        for (DeferrableLibrary d : startup.deferrable()) {
            json.beginObject()
                    .field("library", d.library())
                    .field("score", d.score())
                    .field("classesAtStartup", d.classesAtStartup())
                    .field("startupAllocatedBytes", d.startupAllocatedBytes())
                    .field("retainedBytes", d.retainedBytes())
                    .field("metaspaceBytes", d.metaspaceBytes())
                    .field("loadMillis", d.loadNanos() / 1e6)
                    .field("samplesAfterStartup", d.samplesAfterStartup())
                    .field("useShare", d.useShare())
                    .field("classesLoadedAfterStartup", d.classesLoadedAfterStartup())
                    .array("loadedBy", d.loadedBy())
                    .field("advice", d.advice());
            json.name("packages").beginArray();
            for (DeferrableLibrary.PackageClasses p : d.packages()) {
                json.beginObject().field("name", p.name()).field("classes", p.classes()).endObject();
            }
            json.endArray();
            held(json, "heldBy", d.heldBy());
            held(json, "staticFields", d.staticFields());
            json.endObject();
        }
        json.endArray();
        json.name("unusedJars").beginArray();
        for (StartupReport.UnusedJar jar : startup.unusedJars()) json.beginObject().field("library", jar.library()).field("bytes", jar.bytes()).endObject();
        json.endArray();
    }

    private static void held(JsonWriter json, String name, List<StartupReport.Held> held) {
        json.name(name).beginArray();
        for (StartupReport.Held h : held) json.beginObject().field("holder", h.holder()).field("bytes", h.bytes()).endObject();
        json.endArray();
    }

    /**
     * Only the classes of allocated (and live) objects are written, renumbered densely in the order rows first use
     * them: {@code written} holds the profile's class ids in that order, the columns the new numbers.
     */
    private record ObjectClasses(int[] written, int[] rowClass, int[] liveRowClass) {
        static ObjectClasses of(Profile profile) {
            int[] rowClass = profile.allocations().objectClassColumn();
            LiveObjects live = profile.liveObjects();
            int[] liveRowClass = new int[live.size()];
            for (int r = 0; r < liveRowClass.length; r++) liveRowClass[r] = live.objectClass(r);
            int[] index = new int[profile.classes().size()], written = new int[index.length];
            Arrays.fill(index, -1);
            int count = 0;
            for (int[] column : new int[][] {rowClass, liveRowClass}) {
                for (int r = 0; r < column.length; r++) {
                    int c = column[r];
                    if (index[c] < 0) {
                        index[c] = count;
                        written[count++] = c;
                    }
                    column[r] = index[c];
                }
            }
            return new ObjectClasses(Arrays.copyOf(written, count), rowClass, liveRowClass);
        }
    }

    private static List<AllocationSummary.Entry> first(List<AllocationSummary.Entry> entries) {
        return entries.subList(0, Math.min(JsonWriter.TOP, entries.size()));
    }
}
