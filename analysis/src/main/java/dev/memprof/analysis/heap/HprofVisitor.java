package dev.memprof.analysis.heap;

import java.io.IOException;

/**
 * What {@link HprofRecords} finds, in file order. For instances and arrays the input stands at the record's data when
 * the method is called; a visitor may read from it or not: the walker moves on to the next record either way.
 */
interface HprofVisitor {
    default void string(long id, HprofInput in, int length) throws IOException {
    }

    default void loadClass(long classId, long nameId) {
    }

    default void root(GcRootKind kind, long objectId) {
    }

    default void classDump(ClassDump dump) {
    }

    default void instance(long id, long classId, HprofInput in, long length) throws IOException {
    }

    default void objectArray(long id, long arrayClassId, HprofInput in, long count) throws IOException {
    }

    default void primitiveArray(long id, int type, long count) {
    }
}
