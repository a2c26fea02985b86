package dev.memprof.analysis.heap;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dump's classes by index: the CLASS_DUMP records in file order, then one pseudo class per primitive array type
 * ("byte[]", ...). For each: its instance fields flattened over the hierarchy in the order an instance's data holds
 * them, its reference fields' names, the JVM size of an instance, and (once resolved) its name and whether the JDK
 * defined it.
 */
final class HeapClasses {
    private static final String[] PRIMITIVE_ARRAYS = {"boolean", "char", "float", "double", "byte", "short", "int", "long"};
    private static final int FIRST_PRIMITIVE_TYPE = BasicType.BOOLEAN;

    final List<ClassDump> dumps;
    private final Map<Long, Integer> indexById = new HashMap<>();
    private final Map<Long, Long> nameIds;
    final int count;
    final String[] names;
    final boolean[] jdk;
    /** Basic types of an instance's fields, in data order: the class's own, then its super class's, and so on. */
    final byte[][] fieldTypes;
    /** For each reference field in data order: "DeclaringClass.name", once names are resolved. */
    final String[][] referenceFields;
    private final long[][] referenceFieldNameIds;
    private final int[][] referenceFieldDeclarers;
    final long[] instanceSize;

    HeapClasses(List<ClassDump> dumps, Map<Long, Long> nameIds, HeapLayout layout) {
        this.dumps = dumps;
        this.nameIds = nameIds;
        count = dumps.size() + PRIMITIVE_ARRAYS.length;
        names = new String[count];
        jdk = new boolean[count];
        fieldTypes = new byte[count][];
        referenceFields = new String[count][];
        referenceFieldNameIds = new long[count][];
        referenceFieldDeclarers = new int[count][];
        instanceSize = new long[count];
        for (int i = 0; i < dumps.size(); i++) {
            if (indexById.put(dumps.get(i).id(), i) != null) {
                throw new HeapDumpException("class 0x" + Long.toHexString(dumps.get(i).id()) + " is dumped twice");
            }
        }
        for (int i = 0; i < dumps.size(); i++) flatten(i, layout);
        for (int t = 0; t < PRIMITIVE_ARRAYS.length; t++) {
            int i = dumps.size() + t;
            names[i] = PRIMITIVE_ARRAYS[t] + "[]";
            jdk[i] = true;
            fieldTypes[i] = new byte[0];
            referenceFields[i] = new String[0];
        }
    }

    /** The index of a class object id, or -1. */
    int index(long classId) {
        Integer i = indexById.get(classId);
        return i == null ? -1 : i;
    }

    int primitiveArrayClass(int type) {
        return dumps.size() + type - FIRST_PRIMITIVE_TYPE;
    }

    boolean isArray(int classIndex) {
        return names[classIndex] != null && names[classIndex].endsWith("[]");
    }

    private void flatten(int classIndex, HeapLayout layout) {
        int types = 0, references = 0;
        int depth = 0;
        for (int c = classIndex; c >= 0; c = index(dumps.get(c).superId())) {
            if (++depth > dumps.size()) throw new HeapDumpException("class hierarchy has a cycle (damaged dump)");
            for (byte t : dumps.get(c).fieldTypes()) {
                types++;
                if (t == BasicType.OBJECT) references++;
            }
        }
        byte[] flat = new byte[types];
        long[] refNames = new long[references];
        int[] declarers = new int[references];
        long bytes = 0;
        int f = 0, r = 0;
        for (int c = classIndex; c >= 0; c = index(dumps.get(c).superId())) {
            ClassDump d = dumps.get(c);
            for (int k = 0; k < d.fieldTypes().length; k++) {
                flat[f++] = d.fieldTypes()[k];
                bytes += layout.fieldBytes(d.fieldTypes()[k]);
                if (d.fieldTypes()[k] == BasicType.OBJECT) {
                    refNames[r] = d.fieldNameIds()[k];
                    declarers[r++] = c;
                }
            }
        }
        fieldTypes[classIndex] = flat;
        referenceFieldNameIds[classIndex] = refNames;
        referenceFieldDeclarers[classIndex] = declarers;
        instanceSize[classIndex] = layout.instanceSize(bytes);
    }

    /** The string ids whose text naming needs: class names, field names, static field names. */
    Set<Long> neededStrings() {
        Set<Long> ids = new HashSet<>();
        for (ClassDump d : dumps) {
            Long name = nameIds.get(d.id());
            if (name != null) ids.add(name);
            for (long id : d.staticNameIds()) ids.add(id);
            for (long id : d.fieldNameIds()) ids.add(id);
        }
        return ids;
    }

    void resolveNames(Map<Long, String> strings) {
        for (int i = 0; i < dumps.size(); i++) {
            Long nameId = nameIds.get(dumps.get(i).id());
            String name = nameId == null ? null : strings.get(nameId);
            names[i] = name == null ? "unknown-class@0x" + Long.toHexString(dumps.get(i).id()) : javaName(name);
        }
        for (int i = 0; i < dumps.size(); i++) {
            long[] ids = referenceFieldNameIds[i];
            String[] fields = new String[ids.length];
            for (int r = 0; r < ids.length; r++) {
                fields[r] = names[referenceFieldDeclarers[i][r]] + "." + strings.getOrDefault(ids[r], "?");
            }
            referenceFields[i] = fields;
        }
    }

    String staticFieldName(int classIndex, int field, Map<Long, String> strings) {
        return strings.getOrDefault(dumps.get(classIndex).staticNameIds()[field], "?");
    }

    /** "java/util/HashMap$Node" -> "java.util.HashMap$Node", "[[I" -> "int[][]", "[Ljava/lang/String;" -> "java.lang.String[]". */
    static String javaName(String internal) {
        int dims = 0;
        while (dims < internal.length() && internal.charAt(dims) == '[') dims++;
        String element = internal.substring(dims);
        if (dims > 0) {
            if (element.startsWith("L") && element.endsWith(";")) element = element.substring(1, element.length() - 1);
            else if (element.length() == 1) element = primitive(element.charAt(0));
        }
        return element.replace('/', '.') + "[]".repeat(dims);
    }

    private static String primitive(char code) {
        switch (code) {
            case 'Z': return "boolean";
            case 'C': return "char";
            case 'F': return "float";
            case 'D': return "double";
            case 'B': return "byte";
            case 'S': return "short";
            case 'I': return "int";
            case 'J': return "long";
            default: return String.valueOf(code);
        }
    }
}
