package dev.memprof.report;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * The page's call tree and frames ({@link PageTree}), packed as the allocation rows are ({@link PackedAllocations}:
 * varints, DEFLATE, base 85): as JSON numbers and names they were two thirds of a Spring Boot application's page (600
 * KB of 935), packed 86 KB. Stacks are recorded as chains, so a node's parent is nearly always the node before it, and
 * the deep stacks of one application repeat the same runs of frames, which DEFLATE finds. Layout, unsigned LEB128
 * varints: nodes, frames; per node after the root, the node minus its parent; per node after the root, its frame; per
 * frame, its library + 1; then the frames' names, a JSON array in UTF-8. {@code packed.js} unpacks it to {@code tree} and
 * {@code frames} as {@link JsonReport} writes them.
 */
final class PackedTree {
    private PackedTree() {}

    static PackedAllocations.Packed pack(PageTree tree) {
        int nodes = tree.parent().length, frames = tree.frameNames().size();
        PackedAllocations.Varints layout = new PackedAllocations.Varints().add(nodes).add(frames);
        for (int n = 1; n < nodes; n++) layout.add(n - tree.parent()[n]);
        for (int n = 1; n < nodes; n++) layout.add(tree.frame()[n]);
        for (int f = 0; f < frames; f++) layout.add(tree.frameLibrary()[f] + 1L); // -1: none
        StringWriter names = new StringWriter();
        JsonWriter json = new JsonWriter(names).beginArray();
        for (String name : tree.frameNames()) json.value(name);
        json.endArray();
        layout.out.writeBytes(names.toString().getBytes(StandardCharsets.UTF_8));
        return PackedAllocations.packed(layout.out.toByteArray(), 1);
    }
}
