package dev.memprof.analysis.heap;

import java.util.HashMap;
import java.util.Map;

/** Says in words how a dominating object holds another: a static field, an instance field, an array, a GC root. */
final class HolderNames {
    private final HeapGraph graph;
    private final Map<Integer, String> rootKinds = new HashMap<>();

    HolderNames(HeapGraph graph) {
        this.graph = graph;
        for (int e = graph.edgeStart[0]; e < graph.edgeStart[1]; e++) {
            String kind = GcRootKind.values()[graph.slots[e]].name();
            rootKinds.merge(graph.edges[e], kind, (a, b) -> a.equals(b) ? a : a + "+" + b);
        }
    }

    String describe(int holder, int held) {
        if (holder == 0) {
            String kind = rootKinds.get(held);
            return kind == null ? "GC roots (several paths)" : "GC root " + kind;
        }
        int c = graph.classIndex(holder);
        String name = graph.classes.names[c];
        if (graph.classes.isArray(c) && !graph.isClassObject(holder)) return name;
        Short slot = graph.slotOf(holder, held);
        if (slot == null || slot < 0) return graph.isClassObject(holder) ? "class " + name : name;
        if (graph.isClassObject(holder)) {
            return "static field " + name + "." + graph.classes.staticFieldName(c, slot, graph.strings);
        }
        return graph.classes.referenceFields[c][slot];
    }
}
