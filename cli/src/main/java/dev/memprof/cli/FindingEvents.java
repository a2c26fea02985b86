package dev.memprof.cli;

import java.util.List;

/**
 * What memprof learned about a run outside JFR (a heap dump at startup's end, the jars the app was packaged with),
 * as JFR event types that memprof appends to the recording as a chunk of its own ({@link FindingsChunk}), so the
 * {@code .jfr} file stays the whole truth and reports can be made again from it alone. Every field is a long or a
 * string; the names are what readers (memprof's, {@code jfr print}, JMC) see.
 */
final class FindingEvents {
    private FindingEvents() {}

    /** An event type: its name, and its fields in the order values are given. */
    record Type(String name, List<Field> fields) {
        Type(String name, Field... fields) {
            this(name, List.of(fields));
        }
    }

    /** A field: a string ({@code text}) or a long. */
    record Field(String name, boolean text) {}

    private static Field text(String name) {
        return new Field(name, true);
    }

    private static Field number(String name) {
        return new Field(name, false);
    }

    /** Totals of the live heap dump taken at startup's end; {@code millis}: dump and analysis time. */
    static final Type SNAPSHOT = new Type("memprof.HeapSnapshot", number("takenEpochMillis"), number("objects"),
            number("bytes"), number("unownedBytes"), number("dumpBytes"), number("millis"));
    /** Per class: its objects, and what it owns (objects whose nearest application-side dominator is it). */
    static final Type HEAP_CLASS = new Type("memprof.HeapClass", text("className"), number("instances"),
            number("shallowBytes"), number("ownedBytes"), number("staticBytes"));
    /** A static field and the bytes its value keeps alive (that its class alone holds). */
    static final Type STATIC_FIELD = new Type("memprof.HeapStaticField", text("className"), text("field"),
            text("valueClass"), number("retainedBytes"));
    /** Bytes owned by a class that hang from another owner: a static field, or an object of another class. */
    static final Type HOLDER = new Type("memprof.HeapHolder", text("ownedClass"), text("holder"), text("holderClass"),
            number("bytes"));
    /** A jar on the application's class path (or inside its Spring Boot jar), whether or not a class was loaded from it. */
    static final Type PACKAGED_JAR = new Type("memprof.PackagedJar", text("location"), number("bytes"));
    /** Why a finding is missing (e.g. no heap snapshot: the heap was too large, or the app exited first). */
    static final Type NOTE = new Type("memprof.Finding", text("note"));

    static final List<Type> ALL = List.of(SNAPSHOT, HEAP_CLASS, STATIC_FIELD, HOLDER, PACKAGED_JAR, NOTE);
}
