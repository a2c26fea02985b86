package dev.memprof.analysis.heap;

import java.util.List;
import java.util.Map;

/**
 * What a heap dump says about who keeps memory, small enough to store with a recording. Every reachable object is
 * owned by the class of its nearest application-side dominator (itself included; a class object by its own class),
 * or by nobody when only JDK objects dominate it. Application-side: any class not defined by the boot or platform
 * loader; arrays never own (their elements do). Sizes are the JVM's (see {@link HeapLayout}), in bytes.
 *
 * @param totals       the whole dump
 * @param classes      classes owning or holding at least the class threshold, most owned bytes first
 * @param staticFields static fields whose value the declaring class dominates, most retained first
 * @param holders      where one owner's objects hang from another (or from the JDK, or a GC root), most bytes first
 */
public record HeapSnapshot(Totals totals, List<ClassRow> classes, List<StaticFieldRow> staticFields,
                           List<HolderRow> holders) {

    /**
     * @param objects             objects in the dump, class objects included
     * @param shallowBytes        their shallow sizes summed
     * @param reachableObjects    objects reachable from a GC root (all of them in a dump taken with -live)
     * @param reachableBytes      their shallow sizes summed: the live heap
     * @param applicationBytes    reachable bytes owned by an application-side class
     * @param ownedByNobodyBytes  reachable bytes only JDK objects dominate
     * @param gcRoots             GC root records by kind (kinds with none left out)
     * @param layout              the object layout sizes were computed with
     */
    public record Totals(long objects, long shallowBytes, long reachableObjects, long reachableBytes,
                         long applicationBytes, long ownedByNobodyBytes, Map<GcRootKind, Long> gcRoots,
                         HeapLayout layout) {
    }

    /**
     * @param name         the class's Java name ("com.example.Catalog", "byte[]")
     * @param jdk          defined by the boot or platform class loader
     * @param instances    reachable instances
     * @param shallowBytes their shallow sizes summed
     * @param ownedBytes   shallow sizes of the objects this class owns (0 for JDK classes), its class object included
     * @param staticBytes  retained by its static fields' values that the class dominates (other owners' objects below them included)
     */
    public record ClassRow(String name, boolean jdk, long instances, long shallowBytes, long ownedBytes,
                           long staticBytes) {
    }

    /**
     * @param className      the declaring class
     * @param field          the static field's name
     * @param retainedBytes  what its value keeps alive (the class dominates the value)
     * @param valueClass     the class of the value
     */
    public record StaticFieldRow(String className, String field, long retainedBytes, String valueClass) {
        public String name() {
            return className + "." + field;
        }
    }

    /**
     * Objects of {@code ownedClass} whose immediate dominator belongs to another owner.
     *
     * @param ownedClass    the application-side class of the objects held
     * @param holder        "static field C.f", "C.f" (a field of the dominating object, declared in C), "C" (an object
     *                      of class C that dominates without a direct reference, or an array), or "GC root KIND"
     * @param holderClass   the owner of the dominating object, null when that is nobody (the JDK or a GC root)
     * @param objects       how many such objects
     * @param ownedBytes    bytes these objects own below them (up to the next object with another owner)
     * @param retainedBytes bytes they retain, what other owners they hold included
     */
    public record HolderRow(String ownedClass, String holder, String holderClass, long objects, long ownedBytes,
                            long retainedBytes) {
    }
}
