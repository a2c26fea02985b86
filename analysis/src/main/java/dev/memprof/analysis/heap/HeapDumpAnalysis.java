package dev.memprof.analysis.heap;

import java.io.IOException;
import java.nio.file.Path;

/** Analyses an HPROF heap dump into a {@link HeapSnapshot}: the entry point of this package. */
public final class HeapDumpAnalysis {
    private HeapDumpAnalysis() {
    }

    /**
     * What the snapshot keeps, so that it stays small: rows below a threshold or past a count are left out (totals
     * still count everything).
     *
     * @param layout null to guess it from the dump (compressed oops when its objects span less than 32 GiB)
     */
    public record Options(long minClassBytes, int maxClasses, long minStaticFieldBytes, int maxStaticFields,
                          long minHolderBytes, int maxHolders, HeapLayout layout) {
        public static final Options DEFAULTS = new Options(1024, 5000, 16 * 1024, 200, 16 * 1024, 500, null);
    }

    public static HeapSnapshot analyse(Path hprof) throws IOException {
        return analyse(hprof, Options.DEFAULTS);
    }

    /**
     * @throws HeapDumpException when the file is not a readable HPROF dump (its message is one line for the user)
     * @throws IOException       when the file cannot be read
     */
    public static HeapSnapshot analyse(Path hprof, Options options) throws IOException {
        HeapGraph graph = HeapGraphReader.read(hprof, options.layout());
        DominatorTree tree = DominatorTree.of(graph.nodes, graph.edgeStart, graph.edges);
        return new HeapAttribution(graph, tree, options).snapshot();
    }
}
