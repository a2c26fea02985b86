package dev.memprof.analysis.heap;

/** HPROF's basic type codes, their names and sizes in the dump and in the JVM's heap. */
final class BasicType {
    static final int OBJECT = 2, BOOLEAN = 4, CHAR = 5, FLOAT = 6, DOUBLE = 7, BYTE = 8, SHORT = 9, INT = 10, LONG = 11;

    private BasicType() {
    }

    /** Bytes a value takes in the dump (and, for primitives, in the heap); rejects a code HPROF does not define. */
    static int size(int type, int idSize) {
        switch (type) {
            case OBJECT: return idSize;
            case BOOLEAN: case BYTE: return 1;
            case CHAR: case SHORT: return 2;
            case FLOAT: case INT: return 4;
            case DOUBLE: case LONG: return 8;
            default: throw new HeapDumpException("unknown basic type " + type + " (damaged dump?)");
        }
    }

    /** The Java name of a primitive array's element type. */
    static String primitiveName(int type) {
        switch (type) {
            case BOOLEAN: return "boolean";
            case CHAR: return "char";
            case FLOAT: return "float";
            case DOUBLE: return "double";
            case BYTE: return "byte";
            case SHORT: return "short";
            case INT: return "int";
            case LONG: return "long";
            default: throw new HeapDumpException("unknown primitive array type " + type + " (damaged dump?)");
        }
    }
}
