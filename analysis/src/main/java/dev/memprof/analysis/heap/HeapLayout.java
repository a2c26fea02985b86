package dev.memprof.analysis.heap;

/**
 * How HotSpot lays objects out, for shallow sizes the dump does not carry: header bytes of an object and of an array
 * (the array's includes its length), bytes of a reference, and the alignment every object is rounded up to. Fields
 * are summed without the gaps a layout may leave, which the field-layout packer (JDK 15+) mostly fills.
 */
public record HeapLayout(int objectHeader, int arrayHeader, int reference, int alignment) {
    /** 64-bit HotSpot with compressed oops and class pointers: a heap under 32 GiB, the default. */
    public static final HeapLayout COMPRESSED_OOPS = new HeapLayout(12, 16, 4, 8);
    /** 64-bit HotSpot with a heap of 32 GiB or more: 8-byte references, compressed class pointers still on. */
    public static final HeapLayout WIDE_OOPS = new HeapLayout(12, 16, 8, 8);
    /** A 32-bit JVM (4-byte identifiers in the dump). */
    public static final HeapLayout BITS_32 = new HeapLayout(8, 12, 4, 8);

    /** The layout a dump's identifiers suggest: its objects spread over less than 32 GiB means compressed oops. */
    static HeapLayout guess(int idSize, long lowestId, long highestId) {
        if (idSize == 4) return BITS_32;
        return highestId - lowestId < (32L << 30) ? COMPRESSED_OOPS : WIDE_OOPS;
    }

    long instanceSize(long fieldBytes) {
        return align(objectHeader + fieldBytes);
    }

    long arraySize(long length, int elementBytes) {
        return align(arrayHeader + length * elementBytes);
    }

    long align(long bytes) {
        return (bytes + alignment - 1) / alignment * alignment;
    }

    /** Bytes a field of this basic type takes in the heap. */
    int fieldBytes(int type) {
        return type == BasicType.OBJECT ? reference : BasicType.size(type, 8);
    }
}
