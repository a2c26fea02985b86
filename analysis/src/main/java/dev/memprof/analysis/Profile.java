package dev.memprof.analysis;

/**
 * Everything a report shows, aggregated from one pass over a recording: strings interned once,
 * stacks as a trie, allocations as columns keyed by ids. Reporters receive this, never the file.
 */
public final class Profile {
    private final RecordingInfo info;
    private final StringTable classes, threads, libraries;
    private final FrameTable frames;
    private final CallTree tree;
    private final AllocationTable allocations;
    private final Timeline timeline;
    private final StartupReport startup;

    Profile(RecordingInfo info, StringTable classes, StringTable threads, StringTable libraries,
            FrameTable frames, CallTree tree, AllocationTable allocations, Timeline timeline, StartupReport startup) {
        this.info = info;
        this.classes = classes;
        this.threads = threads;
        this.libraries = libraries;
        this.frames = frames;
        this.tree = tree;
        this.allocations = allocations;
        this.timeline = timeline;
        this.startup = startup;
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

    /** The frame name of a node, e.g. {@code com.example.Cache.put}. */
    public String frameName(int node) {
        return frames.name(tree.frame(node));
    }
}
