package dev.memprof.report;

import dev.memprof.analysis.AllocationTable;
import dev.memprof.analysis.FrameTable;
import dev.memprof.analysis.NativeMemory;
import dev.memprof.analysis.Profile;
import dev.memprof.analysis.live.LiveObjects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * {@code --format speedscope}: speedscope's file format (https://www.speedscope.app/file-format-schema.json), as
 * speedscope.app and {@code npx speedscope} open it. One "sampled" profile per thread, heaviest first, whose samples are
 * stacks (root first, indices into the shared frames, one per stack) weighed in bytes, unit {@code bytes}: allocated,
 * live at the end ({@code --view leaks}), or native memory not freed by the end ({@code --view native}).
 */
public final class SpeedscopeReport {
    static final String SCHEMA = "https://www.speedscope.app/file-format-schema.json";

    private SpeedscopeReport() {}

    public static void write(Profile profile, Writer out) {
        AllocationTable rows = profile.allocations();
        write(profile, out, "allocated", rows.size(), rows::node, rows::thread, rows::bytes);
    }

    public static void writeLeaks(Profile profile, Writer out) {
        LiveObjects rows = profile.liveObjects();
        write(profile, out, "live at the end", rows.size(), rows::node, rows::thread, rows::bytes);
    }

    public static void writeNative(Profile profile, Writer out) {
        NativeMemory rows = profile.nativeMemory();
        write(profile, out, "native, not freed by the end", rows.size(), rows::node, rows::thread, rows::unfreedBytes);
    }

    /** A thread's rows: {@code order[from..to)}, weighing {@code bytes}. */
    private record ThreadRows(int thread, int from, int to, long bytes) {}

    private static void write(Profile profile, Writer out, String what, int rows, IntUnaryOperator node,
                              IntUnaryOperator thread, IntToLongFunction bytes) {
        int[] order = Stacks.ordered(rows, thread, node);
        List<ThreadRows> threads = new ArrayList<>();
        for (int i = 0; i < rows; ) {
            int first = i;
            long total = 0;
            for (; i < rows && thread.applyAsInt(order[i]) == thread.applyAsInt(order[first]); i++) total += bytes.applyAsLong(order[i]);
            if (total > 0) threads.add(new ThreadRows(thread.applyAsInt(order[first]), first, i, total));
        }
        threads.sort(Comparator.comparingLong(ThreadRows::bytes).reversed().thenComparingInt(ThreadRows::thread));

        JsonWriter json = new JsonWriter(out);
        json.beginObject().field("$schema", SCHEMA)
                .field("name", fileName(profile) + ": " + what)
                .field("exporter", "memprof")
                .field("activeProfileIndex", 0);
        FrameTable frames = profile.frames();
        json.name("shared").beginObject().name("frames").beginArray();
        for (int f = 0; f < frames.size(); f++) {
            json.beginObject().field("name", frames.name(f));
            if (frames.library(f) < profile.libraries().size()) json.field("file", profile.libraries().get(frames.library(f)));
            json.endObject();
        }
        json.endArray().endObject();
        json.name("profiles").beginArray();
        for (ThreadRows t : threads) {
            json.beginObject().field("type", "sampled").field("name", profile.threads().get(t.thread()))
                    .field("unit", "bytes").field("startValue", 0).field("endValue", t.bytes());
            json.name("samples").beginArray();
            forEachStack(order, t, node, bytes, (stack, weight) -> {
                json.beginArray();
                for (int frame : profile.tree().framesRootFirst(stack)) json.value(frame);
                json.endArray();
            });
            json.endArray().name("weights").beginArray();
            forEachStack(order, t, node, bytes, (stack, weight) -> json.value(weight));
            json.endArray().endObject();
        }
        json.endArray().endObject();
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recording's file name, without its folder. */
    private static String fileName(Profile profile) {
        String file = String.valueOf(profile.info().file());
        return file.substring(file.lastIndexOf('/') + 1);
    }

    private interface StackWeight {
        void accept(int node, long bytes);
    }

    /** Each stack of the thread's rows with the bytes summed over its rows; stacks that weigh nothing are left out. */
    private static void forEachStack(int[] order, ThreadRows t, IntUnaryOperator node, IntToLongFunction bytes, StackWeight action) {
        for (int i = t.from(); i < t.to(); ) {
            int stack = node.applyAsInt(order[i]);
            long weight = 0;
            for (; i < t.to() && node.applyAsInt(order[i]) == stack; i++) weight += bytes.applyAsLong(order[i]);
            if (weight > 0) action.accept(stack, weight);
        }
    }
}
