package dev.memprof.analysis.startup;

import dev.memprof.analysis.StringTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * The heap snapshot's classes mapped to libraries: what each library keeps alive at startup's end (bytes owned by its
 * classes: objects whose nearest application-side dominator is one of them), what holds it from outside, and its
 * static fields by what they keep alive.
 */
final class HeapOwners {
    private static final int TOP = 3;
    private final HeapFindings findings;
    private final IntUnaryOperator libraryOfClass;
    private final StringTable classes;
    final long[] owned;
    private final int unknown;

    /** @param libraryOfClass a class id's library id */
    HeapOwners(HeapFindings findings, StringTable classes, IntUnaryOperator libraryOfClass, int libraryCount) {
        this.findings = findings;
        this.classes = classes;
        this.libraryOfClass = libraryOfClass;
        this.owned = new long[libraryCount];
        this.unknown = libraryOfClass.applyAsInt(classes.intern(HeapFindings.NOBODY));
        findings.classes.forEach((classId, heap) -> {
            int lib = libraryOfClass.applyAsInt(classId);
            if (lib >= 0 && lib < libraryCount) owned[lib] += heap.ownedBytes();
        });
    }

    /**
     * What holds a library's bytes from outside it, most bytes first: a static field by name, else the class that owns
     * the holding object (the bean that keeps it, say), else the holder as the snapshot names it (a GC root).
     */
    List<StartupReport.Held> heldBy(int library) {
        Map<String, Long> bytes = new HashMap<>();
        for (HeapFindings.Holder h : findings.holders) {
            if (libraryOfClass.applyAsInt(h.ownedClass()) != library || libraryOfClass.applyAsInt(h.holderClass()) == library) continue;
            String holderClass = classes.get(h.holderClass());
            String name = h.holder().startsWith("static field ") || holderClass.equals(HeapFindings.NOBODY) ? h.holder() : holderClass;
            bytes.merge(name, h.bytes(), Long::sum);
        }
        return top(bytes, TOP);
    }

    /**
     * The library whose objects hold most of a library's bytes from outside it (not the JDK, not a GC root), or -1:
     * where the library is used from, when no class-load stack says who imported it (memprof attach).
     */
    int holderLibrary(int library) {
        Map<Integer, Long> bytes = new HashMap<>();
        for (HeapFindings.Holder h : findings.holders) {
            int holder = libraryOfClass.applyAsInt(h.holderClass());
            if (libraryOfClass.applyAsInt(h.ownedClass()) == library && holder != library && holder != unknown) bytes.merge(holder, h.bytes(), Long::sum);
        }
        return bytes.entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(-1);
    }

    /**
     * Whether a library's objects hold the application's, or those of {@link StartupImports#DRIVES_FROM} other libraries:
     * a container that creates and wires the others (a bean factory), when no class-load stack says what drove startup.
     */
    boolean holdsOthers(int library, int app) {
        Set<Integer> held = new HashSet<>();
        for (HeapFindings.Holder h : findings.holders) {
            int owned = libraryOfClass.applyAsInt(h.ownedClass());
            if (libraryOfClass.applyAsInt(h.holderClass()) != library || owned == library || owned == unknown) continue;
            if (owned == app) return true;
            held.add(owned);
        }
        return held.size() >= StartupImports.DRIVES_FROM;
    }

    /** A library's static fields by the bytes they keep alive, most first. */
    List<StartupReport.Held> staticFields(int library) {
        Map<String, Long> bytes = new HashMap<>();
        for (HeapFindings.StaticField f : findings.staticFields) {
            if (libraryOfClass.applyAsInt(f.classId()) == library) bytes.merge(fieldName(f), f.retainedBytes(), Long::sum);
        }
        return top(bytes, TOP);
    }

    /** Every static field the snapshot names, by the bytes it keeps alive (for memprof check's "what grew"). */
    List<StartupReport.Held> allStaticFields() {
        Map<String, Long> bytes = new HashMap<>();
        for (HeapFindings.StaticField f : findings.staticFields) bytes.merge(fieldName(f), f.retainedBytes(), Long::sum);
        return top(bytes, Integer.MAX_VALUE);
    }

    private String fieldName(HeapFindings.StaticField f) {
        return "static field " + classes.get(f.classId()) + "." + f.field();
    }

    private static List<StartupReport.Held> top(Map<String, Long> bytes, int limit) {
        List<StartupReport.Held> held = new ArrayList<>();
        bytes.forEach((holder, b) -> held.add(new StartupReport.Held(holder, b)));
        held.sort(Comparator.comparingLong(StartupReport.Held::bytes).reversed().thenComparing(StartupReport.Held::holder));
        return held.size() <= limit ? held : List.copyOf(held.subList(0, limit));
    }
}
