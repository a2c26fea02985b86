package dev.memprof.analysis.heap;

import dev.memprof.analysis.heap.HeapSnapshot.HolderRow;
import dev.memprof.analysis.heap.HeapSnapshot.StaticFieldRow;
import dev.memprof.testsupport.Samples;
import dev.memprof.testsupport.TargetJdks;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real JVM (HeapHolders) keeps known amounts held in known ways and dumps its heap; the snapshot must say so. */
class HeapDumpAnalysisTest {
    private static final String SAMPLE = "dev.memprof.samples.HeapHolders";

    @TempDir
    Path dir;

    @TargetJdks
    void retainedOwnedAndHeldAsTheSampleKeepsThem(String jdk) throws Exception {
        Path dump = dir.resolve("heap-" + jdk + ".hprof");
        String output = runSample(jdk, dump);
        long namesBytes = number(output, "names-bytes"), histogramBytes = number(output, "histogram-bytes");
        HeapSnapshot snapshot = HeapDumpAnalysis.analyse(dump);

        // shallow sizes as the JVM has them: the dump's objects against the JVM's own histogram just before
        assertNear(histogramBytes, snapshot.totals().shallowBytes(), 0.02, "all objects vs GC.class_histogram");
        assertNear(2L * 1024 * 1024 + 16, staticField(snapshot, SAMPLE, "blob").retainedBytes(), 0.001, "static blob");
        assertNear(namesBytes, staticField(snapshot, SAMPLE, "names").retainedBytes(), 0.01, "static map of strings");
        assertEquals("java.util.HashMap", staticField(snapshot, SAMPLE, "names").valueClass());
        long library = 16 * (64 * 1024 + 16) + (16 + 16 * 4) + 16;
        assertNear(library, staticField(snapshot, SAMPLE, "holder").retainedBytes(), 0.01, "static holder");

        // 1 MiB held by statics of two classes: neither static dominates it, so it is in no static row or class
        assertFalse(snapshot.staticFields().stream().anyMatch(f -> f.field().endsWith("Share")), snapshot::toString);
        long sampleStatics = snapshot.classes().stream().filter(c -> c.name().equals(SAMPLE)).findFirst().orElseThrow()
                .staticBytes();
        assertNear(namesBytes + 2L * 1024 * 1024 + library, sampleStatics, 0.01, "the sample class's static bytes");
        assertTrue(snapshot.totals().ownedByNobodyBytes() > 1024 * 1024, "the shared MiB is owned by nobody");

        assertNear(library, holder(snapshot, SAMPLE + "$LibraryCache", SAMPLE + "$Holder.cache", SAMPLE + "$Holder")
                .ownedBytes(), 0.01, "library object held by an instance field");
        assertNear(512 * 1024 + 32, holder(snapshot, SAMPLE + "$Buffer",
                "java.lang.ThreadLocal$ThreadLocalMap$Entry.value", null).ownedBytes(), 0.01, "thread-local");
        assertNear(256 * 1024 + 32, holder(snapshot, SAMPLE + "$Buffer", "GC root JAVA_FRAME", null).ownedBytes(),
                0.01, "held by main's stack frame only");
        assertTrue(snapshot.totals().gcRoots().get(GcRootKind.JAVA_FRAME) > 0);
        assertTrue(snapshot.totals().gcRoots().get(GcRootKind.STICKY_CLASS) > 0);
    }

    static String runSample(String jdk, Path dump, String... args) throws Exception {
        List<String> sampleArgs = new ArrayList<>(List.of(dump.toString()));
        sampleArgs.addAll(List.of(args));
        return Samples.run(jdk, List.of(), SAMPLE, sampleArgs, 120);
    }

    private static long number(String output, String name) {
        Matcher m = Pattern.compile(name + "=(\\d+)").matcher(output);
        assertTrue(m.find(), output);
        return Long.parseLong(m.group(1));
    }

    private static StaticFieldRow staticField(HeapSnapshot snapshot, String className, String field) {
        Optional<StaticFieldRow> row = snapshot.staticFields().stream()
                .filter(f -> f.className().equals(className) && f.field().equals(field)).findFirst();
        assertTrue(row.isPresent(), () -> className + "." + field + " not in " + snapshot.staticFields());
        return row.get();
    }

    private static HolderRow holder(HeapSnapshot snapshot, String owned, String holder, String holderClass) {
        Optional<HolderRow> row = snapshot.holders().stream().filter(h -> h.ownedClass().equals(owned)
                && h.holder().equals(holder) && java.util.Objects.equals(h.holderClass(), holderClass)).findFirst();
        assertTrue(row.isPresent(), () -> owned + " held by " + holder + " not in " + snapshot.holders());
        return row.get();
    }

    private static void assertNear(long expected, long actual, double tolerance, String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance * expected,
                what + ": expected " + expected + " within " + tolerance * 100 + "%, got " + actual);
    }
}
