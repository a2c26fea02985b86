package dev.memprof.analysis;

import dev.memprof.analysis.live.LiveObjects;

import java.util.Map;
import java.util.TreeMap;

/** Everything a profile holds, as text, so that two readers' profiles compare with one assertEquals. */
final class ProfileDump {
    private ProfileDump() {}

    static String of(Profile p) {
        StringBuilder s = new StringBuilder();
        s.append(p.info()).append('\n');
        s.append("classes ").append(p.classes().asList()).append('\n');
        s.append("threads ").append(p.threads().asList()).append('\n');
        s.append("libraries ").append(p.libraries().asList()).append('\n');
        FrameTable frames = p.frames();
        for (int f = 0; f < frames.size(); f++) {
            s.append("frame ").append(f).append(' ').append(frames.name(f)).append(' ').append(frames.classId(f))
                    .append(' ').append(frames.library(f)).append('\n');
        }
        CallTree tree = p.tree();
        for (int n = 0; n < tree.size(); n++) s.append("node ").append(n).append(' ').append(tree.parent(n)).append(' ').append(tree.frame(n)).append('\n');
        AllocationTable a = p.allocations();
        for (int r = 0; r < a.size(); r++) {
            s.append("row ").append(a.node(r)).append(' ').append(a.thread(r)).append(' ').append(a.objectClass(r)).append(' ')
                    .append(a.bucket(r)).append(' ').append(a.bytes(r)).append(' ').append(a.samples(r)).append('\n');
        }
        Timeline t = p.timeline();
        for (int b = 0; b < t.buckets(); b++) {
            s.append("bucket ").append(b).append(' ').append(t.heapAfterGcMin().get(b)).append(' ').append(t.heapAfterGcMax().get(b)).append(' ')
                    .append(t.heapCommitted().get(b)).append(' ').append(t.metaspaceUsed().get(b)).append(' ').append(t.heapBeforeGcMax().get(b)).append('\n');
        }
        s.append("gcs ").append(t.gcCount()).append('\n');
        s.append("startup ").append(p.startup()).append('\n');
        LiveObjects live = p.liveObjects();
        s.append("roots ").append(live.roots().asList()).append('\n');
        for (int r = 0; r < live.size(); r++) {
            s.append("live ").append(live.node(r)).append(' ').append(live.thread(r)).append(' ').append(live.objectClass(r)).append(' ')
                    .append(live.bucket(r)).append(' ').append(live.root(r)).append(' ').append(live.bytes(r)).append(' ')
                    .append(live.samples(r)).append('\n');
        }
        s.append("window ").append(p.window()).append('\n');
        s.append("rate ").append(java.util.Arrays.toString(p.allocationRate().bytesByBucket())).append('\n');
        return s.toString();
    }

    /** Bytes per stack, the stack written out as frame names (root first), so that it does not depend on ids. */
    static Map<String, Long> bytesByStack(Profile p) {
        Map<String, Long> bytes = new TreeMap<>();
        AllocationTable a = p.allocations();
        for (int r = 0; r < a.size(); r++) {
            StringBuilder stack = new StringBuilder();
            for (int f : p.tree().framesRootFirst(a.node(r))) stack.append(p.frames().name(f)).append(';');
            bytes.merge(stack.toString(), a.bytes(r), Long::sum);
        }
        return bytes;
    }
}
