package dev.memprof.analysis;

import dev.memprof.analysis.live.LiveObjects;
import dev.memprof.analysis.live.LiveSetReadings;
import dev.memprof.analysis.live.LiveSetTrend;
import dev.memprof.analysis.startup.StartupReport;

import java.util.List;

/**
 * Everything a report shows, aggregated from one pass over a recording: strings interned once,
 * stacks as a trie, allocations as columns keyed by ids. Reporters receive this, never the file.
 */
public final class Profile {
    /** The trend leaves out this fraction (1/n) of the time after startup as warm-up. */
    static final int WARM_UP_FRACTION = 5;
    private final RecordingInfo info;
    private final StringTable classes, threads, libraries;
    private final FrameTable frames;
    private final CallTree tree;
    private final AllocationTable allocations;
    private final Timeline timeline;
    private final StartupReport startup;
    private final LiveObjects liveObjects;
    private final TimeRange.Window window;
    private final NativeMemory nativeMemory;
    private final AllocationRate allocationRate;
    private final List<LiveSetReadings.Reading> heapAfterGc;

    Profile(RecordingInfo info, StringTable classes, StringTable threads, StringTable libraries,
            FrameTable frames, CallTree tree, AllocationTable allocations, Timeline timeline, StartupReport startup,
            LiveObjects liveObjects, TimeRange.Window window, AllocationRate allocationRate, NativeMemory nativeMemory,
            List<LiveSetReadings.Reading> heapAfterGc) {
        this.heapAfterGc = heapAfterGc;
        this.info = info;
        this.classes = classes;
        this.threads = threads;
        this.libraries = libraries;
        this.frames = frames;
        this.tree = tree;
        this.allocations = allocations;
        this.timeline = timeline;
        this.startup = startup;
        this.liveObjects = liveObjects;
        this.window = window;
        this.allocationRate = allocationRate;
        this.nativeMemory = nativeMemory;
    }

    public RecordingInfo info() { return info; }
    /** Class names: of frames and of allocated objects ({@code byte[]}, {@code java.lang.String}). */
    public StringTable classes() { return classes; }
    public StringTable threads() { return threads; }
    /** Library names: jar file names, JDK module names, classes folders; see {@link Libraries}. */
    public StringTable libraries() { return libraries; }
    public FrameTable frames() { return frames; }
    public CallTree tree() { return tree; }
    public AllocationTable allocations() { return allocations; }
    public Timeline timeline() { return timeline; }
    /** Startup's end and the libraries loaded by then that are rarely used afterwards. */
    public StartupReport startup() { return startup; }
    /** Objects still alive at the end of the recording (empty when it has no live-object samples). */
    public LiveObjects liveObjects() { return liveObjects; }
    /** The part of the recording whose allocations (and live objects) were read; the timeline is whole. */
    public TimeRange.Window window() { return window; }
    /** Native memory by stack, malloc'ed and not freed (empty unless recorded with async-profiler's nativemem). */
    public NativeMemory nativeMemory() { return nativeMemory; }

    /** Bytes allocated per timeline bucket, each sample's weight spread over the time it stands for. */
    public AllocationRate allocationRate() { return allocationRate; }

    /**
     * The live-set trend over the window; without a start given, from startup's end plus a warm-up of a fifth of the
     * time after it (caches and pools fill on the first requests) when the recording saw startup, else from its start.
     */
    public LiveSetTrend liveSetTrend() {
        long start = info.startEpochNanos(), from = window.fromEpochNanos();
        if (from == Long.MIN_VALUE) {
            long startupEnd = "launch".equals(startup.mode()) ? startup.endOffsetNanos() : 0;
            from = start + startupEnd + (info.durationNanos() - startupEnd) / WARM_UP_FRACTION;
        }
        return LiveSetTrend.of(heapAfterGc, start, from, window.toEpochNanos());
    }

    /** The frame name of a node, e.g. {@code com.example.Cache.put}. */
    public String frameName(int node) {
        return frames.name(tree.frame(node));
    }
}
