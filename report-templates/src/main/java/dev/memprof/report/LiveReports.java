package dev.memprof.report;

import dev.memprof.analysis.AllocationSummary;
import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.live.LiveObjectSummary;
import dev.memprof.analysis.live.LiveObjects;
import dev.memprof.analysis.live.LiveSetTrend;

import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;

/** The live-set trend and the live objects, as text lines and as the JSON keys {@code trend} and {@code live}. */
final class LiveReports {
    static final String UNKNOWN_HOLDER = "unknown: no path to a GC root (not searched, search cut off, or garbage since the last GC)";

    private LiveReports() {}

    /** The report's time window as offsets into the recording, e.g. "10.0 s to 20.0 s of 30.0 s". */
    static String window(Profile profile) {
        long start = profile.info().startEpochNanos(), duration = profile.info().durationNanos();
        long from = Math.max(0, profile.window().fromEpochNanos() - start);
        long to = Math.min(duration, profile.window().toEpochNanos() - start);
        return Units.seconds(from) + " to " + Units.seconds(to) + " of " + Units.seconds(duration)
                + " (allocations, and live objects allocated, in this part only)";
    }

    /** "88 sampled objects still alive at the end, 87 held by static field ... (--view leaks)", or null when none. */
    static String summaryLine(Profile profile) {
        long samples = profile.liveObjects().totalSamples();
        if (samples == 0) return null;
        AllocationSummary.Entry top = LiveObjectSummary.byHolder(profile).get(0);
        return samples + " sampled objects still alive at the end, " + top.samples() + " held by "
                + Units.printable(holder(profile, top.key())) + " (memprof report --view leaks)";
    }

    static String holder(Profile profile, int rootId) {
        return rootId == LiveObjects.UNKNOWN_ROOT ? UNKNOWN_HOLDER : profile.liveObjects().roots().get(rootId);
    }

    static String verdict(LiveSetTrend trend) {
        return switch (trend.verdict()) {
            case GROWING -> "growing";
            case NOT_GROWING -> "not growing";
            case UNKNOWN -> "unknown";
        };
    }

    /** One line: the verdict, the rate with its interval and p-value, and what it rests on. */
    static String trendLine(LiveSetTrend trend) {
        String from = "from " + Units.seconds(trend.fromOffsetNanos());
        if (trend.readings() == 0) {
            return "unknown: no collection of the whole heap " + from + " on (" + trend.youngCollections()
                    + " young ones: heap after them still holds old garbage); memprof run, without --no-live-set-gc, runs full GCs to measure it";
        }
        String basis = String.format(Locale.ROOT, "heap after %d whole-heap GCs over %s %s, %s", trend.readings(),
                Units.seconds(trend.spanNanos()), from, trend.collectors());
        if (trend.verdict() == LiveSetTrend.Verdict.UNKNOWN) {
            return "unknown: " + basis + " (needs at least 6 over 10 s)";
        }
        String line = String.format(Locale.ROOT, "%s: %s (95%% CI %s to %s), %s; %s", verdict(trend),
                perMinute(trend.bytesPerMinute()), perMinute(trend.lowBytesPerMinute()), perMinute(trend.highBytesPerMinute()),
                trend.pValue() < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", trend.pValue()), basis);
        if (trend.verdict() == LiveSetTrend.Verdict.NOT_GROWING && trend.pValue() < 0.01 && trend.bytesPerMinute() > 0) {
            line += "; too little to call growth (under 1 MiB and 5% of the " + Units.bytes(trend.medianBytes()) + " live set over the span)";
        }
        return line;
    }

    static String perMinute(double bytesPerMinute) {
        return (bytesPerMinute < 0 ? "-" : "+") + Units.bytes(Math.round(Math.abs(bytesPerMinute))) + "/min";
    }

    static void writeTrend(LiveSetTrend trend, JsonWriter json) {
        json.name("trend").beginObject()
                .field("verdict", verdict(trend))
                .field("bytesPerMinute", trend.bytesPerMinute())
                .field("lowBytesPerMinute", trend.lowBytesPerMinute())
                .field("highBytesPerMinute", trend.highBytesPerMinute())
                .field("pValue", trend.pValue())
                .field("readings", trend.readings())
                .field("spanMillis", trend.spanNanos() / 1_000_000)
                .field("medianBytes", trend.medianBytes())
                .field("fromMillis", trend.fromOffsetNanos() / 1_000_000)
                .field("youngCollections", trend.youngCollections())
                .field("collectors", trend.collectors())
                .endObject();
    }

    /**
     * The {@code live} key; {@code rowClass} maps each live row to its index in the document's objectClasses, {@code node}
     * a node of the recording's tree to the document's.
     */
    static void writeLive(Profile profile, JsonWriter json, int[] rowClass, IntUnaryOperator node) {
        LiveObjects live = profile.liveObjects();
        long samples = live.totalSamples();
        json.name("live").beginObject()
                .field("samples", samples)
                .field("sampledBytes", live.totalBytes())
                .array("roots", live.roots().asList());
        json.name("topStacks").beginArray();
        for (AllocationSummary.Entry site : first(LiveObjectSummary.bySite(profile))) {
            json.beginObject().field("samples", site.samples()).field("percent", Units.percent(site.samples(), samples))
                    .field("bytes", site.bytes());
            json.name("stack").beginArray();
            for (int n = site.key(); n != CallTree.ROOT; n = profile.tree().parent(n)) json.value(profile.frameName(n));
            json.endArray();
            json.name("heldBy").beginArray();
            for (AllocationSummary.Entry holder : LiveObjectSummary.holdersOf(profile, site.key())) {
                json.beginObject().field("holder", holder(profile, holder.key())).field("samples", holder.samples()).endObject();
            }
            json.endArray().endObject();
        }
        json.endArray();
        json.name("topHolders").beginArray();
        for (AllocationSummary.Entry holder : first(LiveObjectSummary.byHolder(profile))) {
            json.beginObject().field("holder", holder(profile, holder.key())).field("samples", holder.samples())
                    .field("percent", Units.percent(holder.samples(), samples)).field("bytes", holder.bytes()).endObject();
        }
        json.endArray();
        int n = live.size();
        json.name("objects").beginObject()
                .column("node", n, r -> node.applyAsInt(live.node(r))).column("thread", n, live::thread).array("objectClass", rowClass, n)
                .column("bucket", n, live::bucket).column("root", n, live::root).column("bytes", n, live::bytes)
                .column("samples", n, live::samples)
                .endObject();
        json.endObject();
    }

    private static List<AllocationSummary.Entry> first(List<AllocationSummary.Entry> entries) {
        return entries.subList(0, Math.min(JsonWriter.TOP, entries.size()));
    }
}
