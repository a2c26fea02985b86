package dev.memprof.junit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;

import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What holds the objects a test left behind, from JFR's old-object samples: objects sampled as they were allocated
 * and still alive when the recording stopped, each with its path to a GC root. The holder is the first static field
 * on that path ("static field com.example.Cache.ENTRIES, a java.util.HashMap") or else the GC root itself.
 */
final class LeakHolders {
    private static final int TOP = 3;
    /** Longest path walked; JFR itself keeps a few hundred links of a path at most. */
    private static final int MOST_LINKS = 10_000;

    private final Map<String, Holder> holders = new LinkedHashMap<>();

    /** One holder's samples: how many, their bytes where the JDK records them (21+), the first one's stack. */
    private static final class Holder {
        int samples;
        long bytes;
        String type;
        String stack;
    }

    /** The samples of objects allocated since {@code testStart}, grouped by holder. */
    LeakHolders(List<RecordedEvent> oldObjects, Instant testStart) {
        for (RecordedEvent event : oldObjects) {
            if (event.getInstant("allocationTime").isBefore(testStart)) continue;
            Holder holder = holders.computeIfAbsent(holder(event), name -> new Holder());
            holder.samples++;
            if (event.hasField("objectSize")) holder.bytes += event.getLong("objectSize");
            if (holder.stack == null) {
                RecordedObject object = event.getValue("object");
                holder.type = object == null ? "?" : typeName(object);
                holder.stack = TestRecording.stack(event.getStackTrace(), "      ");
            }
        }
    }

    /** The holders with the most samples, first: "  static field ...: 32 sampled objects (byte[]...), allocated\n at ...". */
    String top() {
        if (holders.isEmpty()) {
            return "What holds it: JFR sampled none of the objects left behind; a heap dump "
                    + "(jcmd <pid> GC.heap_dump) taken after the test shows them";
        }
        List<Map.Entry<String, Holder>> sorted = new ArrayList<>(holders.entrySet());
        sorted.sort((a, b) -> Integer.compare(b.getValue().samples, a.getValue().samples));
        StringBuilder text = new StringBuilder("What holds it (JFR's samples of objects allocated in the test and still alive):");
        for (Map.Entry<String, Holder> entry : sorted.subList(0, Math.min(TOP, sorted.size()))) {
            Holder holder = entry.getValue();
            text.append("\n  ").append(entry.getKey()).append(": ").append(holder.samples).append(" sampled object")
                    .append(holder.samples == 1 ? "" : "s");
            if (holder.bytes > 0) text.append(", ").append(Size.readable(holder.bytes));
            text.append(" (first: ").append(holder.type).append("), allocated\n").append(holder.stack);
        }
        return text.toString();
    }

    /** The first static field on the sample's path to a GC root, else the root, else "unknown holder". */
    private static String holder(RecordedEvent event) {
        RecordedObject object = event.getValue("object");
        for (int link = 0; object != null && link < MOST_LINKS; link++) {
            RecordedObject reference = object.getValue("referrer");
            if (reference == null) break;
            RecordedObject field = reference.getValue("field");
            RecordedObject referrer = reference.getValue("object");
            if (field != null && referrer != null && Modifier.isStatic(field.getInt("modifiers"))) {
                return "static field " + mirroredClass(referrer) + "." + field.getString("name") + ", a " + typeName(object);
            }
            object = referrer;
        }
        RecordedObject root = event.getValue("root");
        if (root == null) return "unknown holder (no path to a GC root in the recording)";
        return "GC root " + root.getString("system") + " / " + root.getString("type") + " / " + root.getString("description");
    }

    /** The class a java.lang.Class object stands for, which JFR writes as "Class Name: com.example.Cache". */
    private static String mirroredClass(RecordedObject mirror) {
        String description = mirror.getString("description");
        return description != null && description.startsWith("Class Name: ")
                ? description.substring("Class Name: ".length()).trim() : "?";
    }

    /** The object's class as Java source writes it: "java.util.ArrayList", "byte[]" (JFR writes arrays as "[B"). */
    private static String typeName(RecordedObject object) {
        RecordedObject type = object.getValue("type");
        if (type == null) return "?";
        String name = type.getString("name").replace('/', '.');
        int dimensions = 0;
        while (name.startsWith("[", dimensions)) dimensions++;
        if (dimensions == 0) return name;
        String element = switch (name.charAt(dimensions)) {
            case 'Z' -> "boolean";
            case 'B' -> "byte";
            case 'C' -> "char";
            case 'S' -> "short";
            case 'I' -> "int";
            case 'J' -> "long";
            case 'F' -> "float";
            case 'D' -> "double";
            default -> name.substring(dimensions + 1, name.length() - 1); // "Lcom.example.Order;"
        };
        return element + "[]".repeat(dimensions);
    }
}
