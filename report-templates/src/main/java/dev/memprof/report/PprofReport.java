package dev.memprof.report;

import dev.memprof.analysis.AllocationTable;
import dev.memprof.analysis.CallTree;
import dev.memprof.analysis.FrameTable;
import dev.memprof.analysis.NativeMemory;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.StringTable;
import dev.memprof.analysis.live.LiveObjects;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;
import java.util.zip.GZIPOutputStream;

/**
 * {@code --format pprof}: google/pprof's profile.proto, gzip-compressed, as {@code go tool pprof}, Pyroscope, Grafana
 * and Parca read it. One sample per (stack, thread, object class) with the thread and class as labels; a function and a
 * location per frame, a mapping per library (its file name the jar's or module's); the report's time range as
 * {@code time_nanos}/{@code duration_nanos}. Allocations are {@code alloc_objects} (samples) and {@code alloc_space}
 * (bytes); live objects ({@code --view leaks}) {@code inuse_objects}/{@code inuse_space} with what holds them as the
 * label {@code held_by}; native memory all four, malloc'ed and not freed by the end, as Go's heap profiles.
 * <p>
 * Written by hand (the schema is small and fixed, as async-profiler's converter does) in profile.proto's field order:
 * samples as the rows are read, then what they refer to, then the string table.
 */
public final class PprofReport {
    // profile.proto's field numbers: Profile, then the messages inside it
    private static final int SAMPLE_TYPE = 1, SAMPLE = 2, MAPPING = 3, LOCATION = 4, FUNCTION = 5, STRING_TABLE = 6,
            TIME_NANOS = 9, DURATION_NANOS = 10, DEFAULT_SAMPLE_TYPE = 14;
    private static final int VALUE_TYPE_TYPE = 1, VALUE_TYPE_UNIT = 2;
    private static final int SAMPLE_LOCATION_ID = 1, SAMPLE_VALUE = 2, SAMPLE_LABEL = 3, LABEL_KEY = 1, LABEL_STR = 2;
    private static final int MAPPING_ID = 1, MAPPING_FILENAME = 5, MAPPING_HAS_FUNCTIONS = 7;
    private static final int LOCATION_ID = 1, LOCATION_MAPPING_ID = 2, LOCATION_LINE = 4, LINE_FUNCTION_ID = 1;
    private static final int FUNCTION_ID = 1, FUNCTION_NAME = 2, FUNCTION_SYSTEM_NAME = 3;

    private PprofReport() {}

    /** A label of each sample: its key, and the row's value as an id (rows are grouped by it) and as text. */
    private record Label(String key, IntUnaryOperator id, IntFunction<String> text) {}

    /** A sample type of profile.proto ({@code alloc_space}, {@code bytes}) and each row's value of it. */
    private record SampleType(String type, String unit, IntToLongFunction value) {}

    public static void write(Profile profile, OutputStream out) {
        AllocationTable rows = profile.allocations();
        write(profile, out, rows.size(), rows::node,
                List.of(thread(profile, rows::thread), objectClass(profile, rows::objectClass)),
                List.of(new SampleType("alloc_objects", "count", rows::samples), new SampleType("alloc_space", "bytes", rows::bytes)),
                "alloc_space");
    }

    /** {@code --view leaks}: the sampled objects still alive at the end, weighed in the bytes each stands for. */
    public static void writeLeaks(Profile profile, OutputStream out) {
        LiveObjects rows = profile.liveObjects();
        write(profile, out, rows.size(), rows::node,
                List.of(thread(profile, rows::thread), objectClass(profile, rows::objectClass),
                        new Label("held_by", rows::root, root -> LiveReports.holder(profile, root))),
                List.of(new SampleType("inuse_objects", "count", rows::samples), new SampleType("inuse_space", "bytes", rows::bytes)),
                "inuse_space");
    }

    /** {@code --view native}: malloc'ed ({@code alloc_*}) and not freed by the end ({@code inuse_*}). */
    public static void writeNative(Profile profile, OutputStream out) {
        NativeMemory rows = profile.nativeMemory();
        write(profile, out, rows.size(), rows::node, List.of(thread(profile, rows::thread)),
                List.of(new SampleType("alloc_objects", "count", rows::count), new SampleType("alloc_space", "bytes", rows::bytes),
                        new SampleType("inuse_objects", "count", rows::unfreedCount),
                        new SampleType("inuse_space", "bytes", rows::unfreedBytes)),
                "inuse_space");
    }

    private static Label thread(Profile profile, IntUnaryOperator thread) {
        return new Label("thread", thread, profile.threads()::get);
    }

    private static Label objectClass(Profile profile, IntUnaryOperator objectClass) {
        return new Label("class", objectClass, profile.classes()::get);
    }

    private static void write(Profile profile, OutputStream out, int rows, IntUnaryOperator node, List<Label> labels,
                              List<SampleType> types, String defaultType) {
        try {
            GZIPOutputStream gzip = new GZIPOutputStream(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len); // whole buffers, not byte by byte as FilterOutputStream would
                }

                @Override
                public void close() {
                    // the caller's stream stays open (stdout)
                }
            }, 1 << 16);
            new Encoder(profile, gzip).write(rows, node, labels, types, defaultType);
            gzip.finish();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One profile's encoding: the strings interned as the messages refer to them, the frames and libraries used. */
    private static final class Encoder {
        private final Profile profile;
        private final OutputStream out;
        private final StringTable strings = new StringTable();
        private final ProtoBuffer top = new ProtoBuffer(), message = new ProtoBuffer(), inner = new ProtoBuffer();
        private final boolean[] usedFrames, usedLibraries;

        Encoder(Profile profile, OutputStream out) {
            this.profile = profile;
            this.out = out;
            strings.intern(""); // index 0, as profile.proto requires
            usedFrames = new boolean[profile.frames().size()];
            usedLibraries = new boolean[profile.libraries().size()];
        }

        void write(int rows, IntUnaryOperator node, List<Label> labels, List<SampleType> types, String defaultType) {
            for (SampleType type : types) {
                top.message(SAMPLE_TYPE, message.clear().varint(VALUE_TYPE_TYPE, string(type.type()))
                        .varint(VALUE_TYPE_UNIT, string(type.unit())));
            }
            top.writeTo(out);
            IntUnaryOperator[] keys = new IntUnaryOperator[labels.size() + 1];
            keys[0] = node;
            for (int l = 0; l < labels.size(); l++) keys[l + 1] = labels.get(l).id();
            int[] order = Stacks.ordered(rows, keys);
            long[] values = new long[types.size()];
            for (int i = 0; i < rows; ) {
                int first = order[i];
                Arrays.fill(values, 0);
                for (; i < rows && Stacks.sameKeys(order[i], first, keys); i++) {
                    for (int t = 0; t < values.length; t++) values[t] += types.get(t).value().applyAsLong(order[i]);
                }
                sample(node.applyAsInt(first), values, labels, first);
            }
            mappingsLocationsFunctions();
            for (int s = 0; s < strings.size(); s++) top.string(STRING_TABLE, strings.get(s)).writeTo(out);
            long start = profile.info().startEpochNanos(), end = start + profile.info().durationNanos();
            long from = Math.max(start, profile.window().fromEpochNanos()), to = Math.min(end, profile.window().toEpochNanos());
            top.varint(TIME_NANOS, from).varint(DURATION_NANOS, Math.max(0, to - from))
                    .varint(DEFAULT_SAMPLE_TYPE, string(defaultType)).writeTo(out);
        }

        private void sample(int node, long[] values, List<Label> labels, int row) {
            CallTree tree = profile.tree();
            long[] locations = new long[tree.depth(node)];
            int depth = 0;
            for (int n = node; n != CallTree.ROOT; n = tree.parent(n)) { // leaf first, as profile.proto orders them
                int frame = tree.frame(n);
                usedFrames[frame] = true;
                locations[depth++] = frame + 1L;
            }
            message.clear().packed(SAMPLE_LOCATION_ID, locations, depth).packed(SAMPLE_VALUE, values, values.length);
            for (Label label : labels) {
                String text = label.text().apply(label.id().applyAsInt(row));
                message.message(SAMPLE_LABEL, inner.clear().varint(LABEL_KEY, string(label.key())).varint(LABEL_STR, string(text)));
            }
            top.message(SAMPLE, message).writeTo(out);
        }

        /** A location and a function per frame used, a mapping per library of those frames; ids are table ids + 1. */
        private void mappingsLocationsFunctions() {
            FrameTable frames = profile.frames();
            for (int f = 0; f < usedFrames.length; f++) {
                if (usedFrames[f] && library(f) >= 0) usedLibraries[library(f)] = true;
            }
            for (int l = 0; l < usedLibraries.length; l++) {
                if (!usedLibraries[l]) continue;
                top.message(MAPPING, message.clear().varint(MAPPING_ID, l + 1L)
                        .varint(MAPPING_FILENAME, string(profile.libraries().get(l))).varint(MAPPING_HAS_FUNCTIONS, 1)).writeTo(out);
            }
            for (int f = 0; f < usedFrames.length; f++) {
                if (!usedFrames[f]) continue;
                top.message(LOCATION, message.clear().varint(LOCATION_ID, f + 1L).varint(LOCATION_MAPPING_ID, library(f) + 1L)
                        .message(LOCATION_LINE, inner.clear().varint(LINE_FUNCTION_ID, f + 1L))).writeTo(out);
            }
            for (int f = 0; f < usedFrames.length; f++) {
                if (!usedFrames[f]) continue;
                long name = string(frames.name(f));
                top.message(FUNCTION, message.clear().varint(FUNCTION_ID, f + 1L).varint(FUNCTION_NAME, name)
                        .varint(FUNCTION_SYSTEM_NAME, name)).writeTo(out);
            }
        }

        /** The frame's library, or -1 when the recording named none (no mapping then). */
        private int library(int frame) {
            int library = profile.frames().library(frame);
            return library < usedLibraries.length ? library : -1;
        }

        /** The string's index in the string table; names from the recording without control characters. */
        private long string(String s) {
            return strings.intern(Units.printable(s));
        }
    }
}
