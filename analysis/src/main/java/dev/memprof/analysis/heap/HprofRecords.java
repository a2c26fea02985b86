package dev.memprof.analysis.heap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Walks an HPROF file's records and heap-dump sub-records in order and hands each to a {@link HprofVisitor}. Checks
 * every length against the record that holds it, so damaged input ends in a {@link HeapDumpException}: each step
 * moves forward by at least one byte, and nothing is allocated from a length read from the file.
 */
final class HprofRecords {
    private static final int STRING = 0x01, LOAD_CLASS = 0x02, HEAP_DUMP = 0x0C, HEAP_DUMP_SEGMENT = 0x1C;
    private static final int CLASS_DUMP = 0x20, INSTANCE_DUMP = 0x21, OBJ_ARRAY_DUMP = 0x22, PRIM_ARRAY_DUMP = 0x23;

    private HprofRecords() {
    }

    /** The dump's identifier size (4 or 8), after checking its header. */
    static int walk(Path file, HprofVisitor visitor) throws IOException {
        try (HprofInput in = new HprofInput(file)) {
            readHeader(in);
            while (in.remaining() > 0) {
                int tag = in.u1();
                in.u4(); // microseconds since the header's time
                long length = in.u4();
                long end = in.position() + length;
                if (end > in.fileSize()) {
                    throw new HeapDumpException("record 0x" + Integer.toHexString(tag) + " at offset "
                            + (in.position() - 9) + " runs past the end of the file (truncated dump?)");
                }
                in.limit(end);
                switch (tag) {
                    case STRING:
                        long id = in.id();
                        visitor.string(id, in, (int) Math.min(Integer.MAX_VALUE, in.remaining()));
                        break;
                    case LOAD_CLASS:
                        in.u4();
                        long classId = in.id();
                        in.u4();
                        visitor.loadClass(classId, in.id());
                        break;
                    case HEAP_DUMP:
                    case HEAP_DUMP_SEGMENT:
                        while (in.remaining() > 0) subRecord(in, visitor);
                        break;
                    default:
                        break;
                }
                in.seek(end);
                in.limit(in.fileSize());
            }
            return in.idSize();
        }
    }

    private static void readHeader(HprofInput in) throws IOException {
        String prefix = "JAVA PROFILE 1.0.";
        int length = 0;
        for (int c = in.remaining() > 0 ? in.u1() : -1; c != 0; c = in.remaining() > 0 ? in.u1() : -1) {
            boolean fits = length < prefix.length() ? c == prefix.charAt(length) : length < 32 && c > 0x20 && c < 0x7F;
            if (!fits) throw new HeapDumpException("not an HPROF heap dump");
            length++;
        }
        if (length < prefix.length()) throw new HeapDumpException("not an HPROF heap dump");
        int idSize = in.i4();
        if (idSize != 4 && idSize != 8) throw new HeapDumpException("identifier size " + idSize + " is neither 4 nor 8");
        in.idSize(idSize);
        in.i8(); // time stamp
    }

    private static void subRecord(HprofInput in, HprofVisitor visitor) throws IOException {
        int tag = in.u1();
        switch (tag) {
            case 0xFF: visitor.root(GcRootKind.UNKNOWN, in.id()); break;
            case 0x01: visitor.root(GcRootKind.JNI_GLOBAL, in.id()); in.id(); break;
            case 0x02: visitor.root(GcRootKind.JNI_LOCAL, in.id()); in.skip(8); break;
            case 0x03: visitor.root(GcRootKind.JAVA_FRAME, in.id()); in.skip(8); break;
            case 0x04: visitor.root(GcRootKind.NATIVE_STACK, in.id()); in.skip(4); break;
            case 0x05: visitor.root(GcRootKind.STICKY_CLASS, in.id()); break;
            case 0x06: visitor.root(GcRootKind.THREAD_BLOCK, in.id()); in.skip(4); break;
            case 0x07: visitor.root(GcRootKind.MONITOR_USED, in.id()); break;
            case 0x08: visitor.root(GcRootKind.THREAD_OBJECT, in.id()); in.skip(8); break;
            case 0x89: case 0x8A: case 0x8B: case 0x8C: case 0x8D: case 0x90: visitor.root(GcRootKind.OTHER, in.id()); break;
            case 0x8E: visitor.root(GcRootKind.OTHER, in.id()); in.skip(8); break;
            case 0xFE: in.skip(4); in.id(); break; // Android's heap name
            case CLASS_DUMP: visitor.classDump(classDump(in)); break;
            case INSTANCE_DUMP: instance(in, visitor); break;
            case OBJ_ARRAY_DUMP: objectArray(in, visitor); break;
            case PRIM_ARRAY_DUMP: primitiveArray(in, visitor); break;
            default:
                throw new HeapDumpException("unknown heap dump sub-record 0x" + Integer.toHexString(tag)
                        + " at offset " + (in.position() - 1) + " (damaged dump?)");
        }
    }

    private static void instance(HprofInput in, HprofVisitor visitor) throws IOException {
        long id = objectId(in), classId = in.id(), length = in.u4();
        long end = checkedEnd(in, length);
        visitor.instance(id, classId, in, length);
        in.seek(end);
    }

    private static void objectArray(HprofInput in, HprofVisitor visitor) throws IOException {
        long id = objectId(in), count = in.u4(), classId = in.id();
        long end = checkedEnd(in, count * in.idSize());
        visitor.objectArray(id, classId, in, count);
        in.seek(end);
    }

    private static void primitiveArray(HprofInput in, HprofVisitor visitor) throws IOException {
        long id = objectId(in), count = in.u4();
        int type = in.u1();
        BasicType.primitiveName(type);
        long end = checkedEnd(in, count * BasicType.size(type, in.idSize()));
        visitor.primitiveArray(id, type, count);
        in.seek(end);
    }

    /** A dump's object or class id, and past the stack trace serial that follows it in every such sub-record. */
    private static long objectId(HprofInput in) throws IOException {
        long id = in.id();
        in.u4();
        return id;
    }

    private static long checkedEnd(HprofInput in, long length) {
        if (length > in.remaining()) {
            throw new HeapDumpException("an object of " + length + " bytes at offset " + in.position()
                    + " runs past its record (truncated or damaged dump)");
        }
        return in.position() + length;
    }

    private static ClassDump classDump(HprofInput in) throws IOException {
        long id = objectId(in);
        long superId = in.id(), loaderId = in.id(), signersId = in.id(), domainId = in.id();
        in.id();
        in.id();
        in.u4(); // instance size as the dump counts it; the JVM's is computed from the fields
        int constants = in.u2();
        for (int i = 0; i < constants; i++) {
            in.u2();
            in.skip(BasicType.size(in.u1(), in.idSize()));
        }
        int statics = in.u2();
        long[] staticNames = new long[statics], staticValues = new long[statics];
        byte[] staticTypes = new byte[statics];
        for (int i = 0; i < statics; i++) {
            staticNames[i] = in.id();
            int type = in.u1();
            staticTypes[i] = (byte) type;
            if (type == BasicType.OBJECT) staticValues[i] = in.id();
            else in.skip(BasicType.size(type, in.idSize()));
        }
        int fields = in.u2();
        long[] fieldNames = new long[fields];
        byte[] fieldTypes = new byte[fields];
        for (int i = 0; i < fields; i++) {
            fieldNames[i] = in.id();
            fieldTypes[i] = (byte) in.u1();
            BasicType.size(fieldTypes[i], in.idSize());
        }
        return new ClassDump(id, superId, loaderId, signersId, domainId, staticNames, staticTypes, staticValues,
                fieldNames, fieldTypes);
    }
}
