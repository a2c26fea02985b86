package dev.memprof.cli;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timestamp;

/**
 * What memprof learned about a run outside JFR (a heap dump at startup's end, the jars the app was packaged with),
 * as JFR events that memprof appends to the recording as a chunk of its own, so the {@code .jfr} file stays the
 * whole truth and reports can be made again from it alone. Written in memprof's process, never in the target.
 */
final class FindingEvents {
    private FindingEvents() {}

    @Name("memprof.HeapSnapshot")
    @Label("Heap snapshot")
    @Category("memprof")
    @Description("Totals of the live heap dump taken at startup's end")
    @StackTrace(false)
    static final class Snapshot extends Event {
        @Label("Taken") @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH) long takenEpochMillis;
        @Label("Objects") long objects;
        @Label("Bytes") @DataAmount long bytes;
        @Label("Bytes owned by no application class") @DataAmount long unownedBytes;
        @Label("Dump file size") @DataAmount long dumpBytes;
        @Label("Dump and analysis time (ms)") long millis;
    }

    @Name("memprof.HeapClass")
    @Label("Heap by class")
    @Category("memprof")
    @Description("Per class: its objects, and what it owns (objects whose nearest application-side dominator is it)")
    @StackTrace(false)
    static final class HeapClass extends Event {
        @Label("Class") String className;
        @Label("Instances") long instances;
        @Label("Shallow bytes") @DataAmount long shallowBytes;
        @Label("Owned bytes") @DataAmount long ownedBytes;
        @Label("Bytes retained by its static fields") @DataAmount long staticBytes;
    }

    @Name("memprof.HeapStaticField")
    @Label("Static field")
    @Category("memprof")
    @Description("A static field and the bytes its value keeps alive (that its class alone holds)")
    @StackTrace(false)
    static final class StaticField extends Event {
        @Label("Class") String className;
        @Label("Field") String field;
        @Label("Value's class") String valueClass;
        @Label("Retained bytes") @DataAmount long retainedBytes;
    }

    @Name("memprof.HeapHolder")
    @Label("Heap holder")
    @Category("memprof")
    @Description("Bytes owned by a class that hang from another owner: a static field, or an object of another class")
    @StackTrace(false)
    static final class Holder extends Event {
        @Label("Owned class") String ownedClass;
        @Label("Holder") String holder;
        @Label("Holder class") String holderClass;
        @Label("Bytes") @DataAmount long bytes;
    }

    @Name("memprof.PackagedJar")
    @Label("Packaged jar")
    @Category("memprof")
    @Description("A jar on the application's class path (or inside its Spring Boot jar), whether or not a class was loaded from it")
    @StackTrace(false)
    static final class PackagedJar extends Event {
        @Label("Location") String location;
        @Label("Size") @DataAmount long bytes;
    }

    @Name("memprof.Finding")
    @Label("memprof note")
    @Category("memprof")
    @Description("Why a finding is missing (e.g. no heap snapshot: the heap was too large, or the app exited first)")
    @StackTrace(false)
    static final class Note extends Event {
        @Label("Note") String note;
    }
}
