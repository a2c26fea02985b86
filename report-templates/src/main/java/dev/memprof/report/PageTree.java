package dev.memprof.report;

import dev.memprof.analysis.AllocationTable;
import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.FrameTable;
import dev.memprof.analysis.Libraries;
import dev.memprof.analysis.NativeMemory;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.live.LiveObjects;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The call tree and frames as the HTML page gets them. Only the frames the tree uses are written (a recording names
 * many more methods than its allocation stacks hold: 13,529 frames, 4,638 used, in a Spring Boot sample's recording).
 * Past {@link #MAX_NODES} nodes (about 100,000 distinct deep stacks make more than a million), the stacks that no one
 * could see are merged: a node whose bytes are under one pixel's share of a flamegraph {@value #PIXELS} pixels wide,
 * and among the smallest past the budget, goes with its subtree into one {@link #MERGED} node under its caller, so the
 * sums stay exact. The stacks of the largest sites, of live objects and of native memory are kept whole.
 *
 * @param pageNode     the page's node of each node of the recording's tree
 * @param parent       each page node's parent
 * @param frame        each page node's frame (an index into frameNames)
 * @param frameNames   the frames the tree uses
 * @param frameLibrary each frame's library (an index into libraries), -1 for none
 * @param libraries    the libraries' names
 * @param mergedNodes  nodes of the recording's tree merged
 * @param mergedBytes  the bytes their stacks allocated
 */
record PageTree(int[] pageNode, int[] parent, int[] frame, List<String> frameNames, int[] frameLibrary,
                List<String> libraries, int mergedNodes, long mergedBytes) {
    /** Tree nodes the page holds before small stacks merge: about 10 bytes each in the page, drawn in well under 1 s. */
    static final int MAX_NODES = 1 << 16;
    /** Width, in pixels, of the widest flamegraph a stack merged is invisible in (a 4K screen's width). */
    static final int PIXELS = 4096;
    /** The frame of a node that holds merged stacks. */
    static final String MERGED = "[smaller stacks, merged]";

    /** The page's node for a node of the recording's tree. */
    int node(int recordingNode) {
        return pageNode[recordingNode];
    }

    /**
     * When stacks merge.
     * @param maxNodes   nodes before they do
     * @param pixels     a stack merges only when its bytes are under 1/pixels of all (and it is among the smallest)
     * @param wholeSites the largest sites whose stacks are kept whole
     */
    record Limits(int maxNodes, int pixels, int wholeSites) {}

    static final Limits PAGE = new Limits(MAX_NODES, PIXELS, JsonWriter.TOP);

    static PageTree of(Profile profile) {
        return of(profile, PAGE);
    }

    static PageTree of(Profile profile, Limits limits) {
        int maxNodes = limits.maxNodes();
        CallTree tree = profile.tree();
        int n = tree.size();
        long[] total = new long[n];
        AllocationTable rows = profile.allocations();
        for (int r = 0; r < rows.size(); r++) total[rows.node(r)] += rows.bytes(r);
        long[] self = n > maxNodes ? total.clone() : null;
        for (int node = n - 1; node > CallTree.ROOT; node--) total[tree.parent(node)] += total[node]; // parents come first
        boolean[] keep = new boolean[n];
        if (self == null) {
            Arrays.fill(keep, true);
        } else {
            // a subtree is never larger than its caller's: what is kept is whole paths from the root
            long[] sorted = total.clone();
            Arrays.sort(sorted);
            long budget = sorted[n - maxNodes], pixel = total[CallTree.ROOT] / limits.pixels();
            for (int node = 0; node < n; node++) keep[node] = total[node] > budget || total[node] >= pixel;
            for (int site : largest(self, limits.wholeSites())) keepWhole(tree, keep, site);
            LiveObjects live = profile.liveObjects();
            for (int r = 0; r < live.size(); r++) keepWhole(tree, keep, live.node(r));
            NativeMemory memory = profile.nativeMemory();
            for (int r = 0; r < memory.size(); r++) keepWhole(tree, keep, memory.node(r));
        }
        return build(profile, keep, total);
    }

    /** Numbers the kept nodes (and a merged node under each caller of merged ones) in tree order, and their frames. */
    private static PageTree build(Profile profile, boolean[] keep, long[] total) {
        CallTree tree = profile.tree();
        FrameTable frames = profile.frames();
        int n = tree.size();
        int[] pageNode = new int[n], mergedChild = new int[n];
        Arrays.fill(mergedChild, -1);
        int[] parent = new int[n], frame = new int[n];
        int size = 0, mergedNodes = 0;
        long mergedBytes = 0;
        for (int node = 0; node < n; node++) {
            int up = tree.parent(node);
            if (keep[node]) {
                pageNode[node] = size;
                parent[size] = node == CallTree.ROOT ? -1 : pageNode[up];
                frame[size++] = tree.frame(node);
            } else if (keep[up]) { // the first merged node under this caller: its bytes go to the caller's merged node
                if (mergedChild[up] < 0) {
                    mergedChild[up] = size;
                    parent[size] = pageNode[up];
                    frame[size++] = frames.size();
                }
                pageNode[node] = mergedChild[up];
                mergedBytes += total[node];
                mergedNodes++;
            } else {
                pageNode[node] = pageNode[up];
                mergedNodes++;
            }
        }
        // frames in the recording's order, those used only
        int[] pageFrame = new int[frames.size() + 1];
        Arrays.fill(pageFrame, -1);
        for (int p = 1; p < size; p++) pageFrame[frame[p]] = 0;
        List<String> names = new ArrayList<>();
        List<String> libraries = new ArrayList<>(profile.libraries().asList());
        int[] library = new int[pageFrame.length];
        for (int f = 0; f < frames.size(); f++) {
            if (pageFrame[f] < 0) continue;
            pageFrame[f] = names.size();
            library[names.size()] = frames.library(f);
            names.add(frames.name(f));
        }
        if (pageFrame[frames.size()] == 0) {
            pageFrame[frames.size()] = names.size();
            if (!libraries.contains(Libraries.UNKNOWN)) libraries.add(Libraries.UNKNOWN);
            library[names.size()] = libraries.indexOf(Libraries.UNKNOWN);
            names.add(MERGED);
        }
        for (int p = 1; p < size; p++) frame[p] = pageFrame[frame[p]];
        frame[CallTree.ROOT] = tree.frame(CallTree.ROOT);
        return new PageTree(pageNode, Arrays.copyOf(parent, size), Arrays.copyOf(frame, size), names,
                Arrays.copyOf(library, names.size()), libraries, mergedNodes, mergedBytes);
    }

    /** Keeps a node and its callers. */
    private static void keepWhole(CallTree tree, boolean[] keep, int node) {
        for (int n = node; n >= 0 && !keep[n]; n = tree.parent(n)) keep[n] = true;
    }

    /** The nodes that allocated the most themselves (the top sites), largest first; ties by node. */
    private static int[] largest(long[] self, int count) {
        PriorityQueue<Integer> smallestFirst = new PriorityQueue<>((a, b) -> self[a] != self[b] ? Long.compare(self[a], self[b]) : b - a);
        for (int node = 0; node < self.length; node++) {
            if (self[node] == 0) continue;
            smallestFirst.add(node);
            if (smallestFirst.size() > count) smallestFirst.poll();
        }
        return smallestFirst.stream().mapToInt(Integer::intValue).toArray();
    }
}
