package dev.memprof.analysis.heap;

/**
 * One CLASS_DUMP record as HPROF has it: ids of the class, its super class and loader; its static fields (name ids,
 * basic types, and the object id of each reference's value, 0 for primitives and null); its own instance fields in
 * declaration order (name ids and basic types; the super class's follow in an instance's data).
 */
record ClassDump(long id, long superId, long loaderId, long signersId, long protectionDomainId,
                 long[] staticNameIds, byte[] staticTypes, long[] staticValues,
                 long[] fieldNameIds, byte[] fieldTypes) {
}
