package dev.memprof.cli;

import dev.memprof.analysis.Profile;

import java.io.OutputStream;
import java.io.Writer;
import java.util.function.BiConsumer;

/**
 * How {@code memprof report} writes one format and view: as text through a Writer, or as bytes (pprof's gzip'ed
 * protobuf) to a stream; exactly one of the two is set.
 */
record Renderer(BiConsumer<Profile, Writer> text, BiConsumer<Profile, OutputStream> bytes) {
    static Renderer text(BiConsumer<Profile, Writer> text) {
        return new Renderer(text, null);
    }

    static Renderer bytes(BiConsumer<Profile, OutputStream> bytes) {
        return new Renderer(null, bytes);
    }

    boolean isBinary() {
        return bytes != null;
    }
}
