package dev.memprof.analysis.live;

import dev.memprof.analysis.ClassNames;
import dev.memprof.analysis.jfr.JfrClass;
import dev.memprof.analysis.jfr.JfrObject;

import java.lang.reflect.Modifier;

/**
 * What a {@code jdk.OldObjectSample} says about its object: its size and what holds it. JFR writes the path from
 * the object towards a GC root ({@code object.referrer.object...}) only when the recording ends with a path search
 * (memprof.jfc's {@code cutoff}); without one, the holder is unknown.
 */
public final class OldObjectSamples {
    private static final int HEADER_BYTES = 16, ALIGNMENT = 8;

    private OldObjectSamples() {}

    /**
     * The sampled object's own size: {@code objectSize} where the JDK records it (JDK 21+); else, for an array,
     * header plus elements (compressed references assumed); else 0 (unknown).
     */
    public static long objectSize(JfrObject event, JfrClass type) {
        if (event.hasField("objectSize")) return event.getLong("objectSize");
        String name = type == null ? "" : type.getName();
        int elements = event.hasField("arrayElements") ? event.getInt("arrayElements") : -1;
        if (!name.startsWith("[") || elements < 0) return 0;
        int elementBytes = switch (name.charAt(1)) {
            case 'Z', 'B' -> 1;
            case 'C', 'S' -> 2;
            case 'J', 'D' -> 8;
            default -> 4; // int, float, and references when compressed
        };
        long bytes = HEADER_BYTES + (long) elements * elementBytes;
        return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /**
     * What keeps the object alive, in the words a developer looks for: the first static field on its path to a
     * GC root ({@code static field com.example.Cache.ENTRIES}), else the root itself ({@code Threads: Stack
     * Variable: ...}), else null when the recording has no path.
     */
    public static String holder(JfrObject event) {
        JfrObject object = event.getValue("object");
        for (int links = 0; object != null && links < 10_000; links++) {
            JfrObject referrer = object.getValue("referrer");
            if (referrer == null) break;
            JfrObject field = referrer.getValue("field");
            JfrObject holder = referrer.getValue("object");
            if (field != null && holder != null && Modifier.isStatic(field.getInt("modifiers"))) {
                return "static field " + classOfMirror(holder) + "." + field.getString("name");
            }
            object = holder;
        }
        JfrObject root = event.getValue("root");
        if (root == null) return null;
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {root.getString("system"), root.getString("type"), root.getString("description")}) {
            if (part == null || part.isBlank() || part.equals("<unknown>")) continue;
            if (text.length() > 0) text.append(": ");
            text.append(part);
        }
        return text.length() == 0 ? null : text.toString();
    }

    /** The class a {@code java.lang.Class} object stands for; JFR describes it as "Class Name: com.example.Cache". */
    private static String classOfMirror(JfrObject mirror) {
        String description = mirror.getString("description");
        String prefix = "Class Name: ";
        if (description != null && description.startsWith(prefix)) {
            return ClassNames.stable(ClassNames.readable(description.substring(prefix.length()).trim()));
        }
        return "?";
    }
}
