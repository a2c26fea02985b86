package dev.memprof.analysis.jfr;

import java.util.Arrays;
import java.util.List;

/**
 * Where a chunk's {@code jdk.ObjectAllocationSample} keeps the five values memprof sums, found once
 * per chunk from its metadata, so each of millions of events is read as a few varints.
 */
final class AllocationLayout {
    static final int START_TIME = 0, THREAD = 1, STACK_TRACE = 2, OBJECT_CLASS = 3, WEIGHT = 4;
    private static final String[] NAMES = {"startTime", "eventThread", "stackTrace", "objectClass", "weight"};

    private final List<Metadata.Field> fields;
    /** For each field up to the last one needed: the slot it goes to, or -1 to skip it. */
    private final int[] slots;

    private AllocationLayout(List<Metadata.Field> fields, int[] slots) {
        this.fields = fields;
        this.slots = slots;
    }

    /** The layout, or null when the type lacks a field or has one in an unexpected form. */
    static AllocationLayout of(Metadata.Type type) {
        int last = -1;
        int[] index = new int[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            index[i] = type.fieldIndex(NAMES[i]);
            if (index[i] < 0) return null;
            Metadata.Field field = type.fields.get(index[i]);
            boolean whole = field.kind == Metadata.VARINT || field.kind == Metadata.REFERENCE;
            if (field.array || !whole || (i == WEIGHT || i == START_TIME) != (field.kind == Metadata.VARINT)) return null;
            last = Math.max(last, index[i]);
        }
        int[] slots = new int[last + 1];
        Arrays.fill(slots, -1);
        for (int i = 0; i < NAMES.length; i++) slots[index[i]] = i;
        return new AllocationLayout(type.fields, slots);
    }

    /** Whether the event starts with exactly the five values in the order of the slots (as the JDK writes it). */
    boolean plain() {
        if (slots.length != NAMES.length) return false;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != i) return false;
        }
        return true;
    }

    /** Reads the needed values of the event whose fields start at the chunk's position. */
    void read(Chunk chunk, long[] values) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] >= 0) values[slots[i]] = chunk.readVarlong();
            else chunk.skipField(fields.get(i));
        }
    }
}
