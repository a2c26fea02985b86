package dev.memprof.analysis.startup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What memprof's own chunk of a recording says (see the CLI's FindingEvents): the live heap dump taken at startup's
 * end, read for what owns and what holds the heap, by class; and the jars the app was packaged with. Classes are
 * named as in the rest of the recording, and mapped to libraries only when judged, with the recording's code sources.
 */
public final class HeapFindings {
    /** Per class (by class id): what the dump found. */
    record ClassHeap(long instances, long shallowBytes, long ownedBytes, long staticBytes) {}

    record StaticField(int classId, String field, String valueClass, long retainedBytes) {}

    record Holder(int ownedClass, String holder, int holderClass, long bytes) {}

    record PackagedJar(String location, long bytes) {}

    /** The holder class of what only the JDK or a GC root holds. */
    public static final String NOBODY = "(JDK or GC root)";
    /** -1 when the recording has no heap snapshot. */
    long takenEpochNanos = -1;
    long objects, bytes, unownedBytes, dumpBytes, millis;
    final Map<Integer, ClassHeap> classes = new HashMap<>();
    final List<StaticField> staticFields = new ArrayList<>();
    final List<Holder> holders = new ArrayList<>();
    final List<PackagedJar> packagedJars = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    boolean hasSnapshot() {
        return takenEpochNanos >= 0;
    }

    public void snapshot(long takenEpochMillis, long objects, long bytes, long unownedBytes, long dumpBytes, long millis) {
        this.takenEpochNanos = takenEpochMillis * 1_000_000L;
        this.objects = objects;
        this.bytes = bytes;
        this.unownedBytes = unownedBytes;
        this.dumpBytes = dumpBytes;
        this.millis = millis;
    }

    public void heapClass(int classId, long instances, long shallowBytes, long ownedBytes, long staticBytes) {
        classes.merge(classId, new ClassHeap(instances, shallowBytes, ownedBytes, staticBytes), (a, b) -> new ClassHeap(
                a.instances + b.instances, a.shallowBytes + b.shallowBytes, a.ownedBytes + b.ownedBytes, a.staticBytes + b.staticBytes));
    }

    public void staticField(int classId, String field, String valueClass, long retainedBytes) {
        staticFields.add(new StaticField(classId, field, valueClass, retainedBytes));
    }

    public void holder(int ownedClass, String holder, int holderClass, long bytes) {
        holders.add(new Holder(ownedClass, holder, holderClass, bytes));
    }

    public void packagedJar(String location, long bytes) {
        packagedJars.add(new PackagedJar(location, bytes));
    }

    public void note(String note) {
        notes.add(note);
    }
}
