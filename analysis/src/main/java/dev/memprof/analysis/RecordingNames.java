package dev.memprof.analysis;

import dev.memprof.analysis.jfr.JfrClass;
import dev.memprof.analysis.jfr.JfrFrame;
import dev.memprof.analysis.jfr.JfrMethod;
import dev.memprof.analysis.jfr.JfrObject;
import dev.memprof.analysis.jfr.JfrStackTrace;
import dev.memprof.analysis.jfr.JfrThread;
import dev.memprof.analysis.util.LongIntMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names what a recording's events point to: class, thread, module, loader and library names interned once, frames,
 * and stacks as nodes of a call tree. Both parsers hand out one object per constant-pool entry within a chunk, so
 * caching by it skips re-walking stacks; the caches hold one chunk's objects ({@link #endChunk}) and are bounded.
 */
final class RecordingNames {
    private static final int CACHE_LIMIT = 1 << 16;
    private static final int PROFILER_FRAME = -1;

    final StringTable classes = new StringTable(), threads = new StringTable(), libraryNames = new StringTable(),
            modules = new StringTable(), loaders = new StringTable();
    final FrameTable frames = new FrameTable();
    private final List<String> frameModules = new ArrayList<>();
    private final CallTree tree, evidenceStacks;
    private final Map<JfrStackTrace, Integer> stackNodes = new HashMap<>(), evidenceNodes = new HashMap<>();
    private final Map<JfrMethod, Integer> frameIds = new HashMap<>();
    /** Frame ids by the chunk's keys of method and frame type ({@link #frameKey}), plus one. */
    private final LongIntMap frameIdsByKey = new LongIntMap();
    private final Map<JfrClass, Integer> objectClassIds = new HashMap<>();
    private final Map<JfrThread, Integer> threadIds = new HashMap<>();

    /**
     * @param tree           the allocation tree
     * @param evidenceStacks the tree of class loads, execution samples and old objects, kept apart from it
     */
    RecordingNames(CallTree tree, CallTree evidenceStacks) {
        this.tree = tree;
        this.evidenceStacks = evidenceStacks;
    }

    /** The chunk was read: its objects, the caches' keys, are not seen again. */
    void endChunk() {
        stackNodes.clear();
        evidenceNodes.clear();
        frameIds.clear();
        frameIdsByKey.clear();
        objectClassIds.clear();
        threadIds.clear();
    }

    /** Each frame's library, once the recording's code sources are all read. */
    void nameLibraries(Libraries libraries) {
        for (int f = 0; f < frames.size(); f++) {
            String className = classes.get(frames.classId(f));
            frames.setLibrary(f, libraryNames.intern(libraries.libraryOf(className, frameModules.get(f))));
        }
    }

    int threadId(JfrThread thread) {
        Integer id = thread == null ? null : threadIds.get(thread);
        if (id != null) return id;
        id = threads.intern(threadName(thread));
        if (thread != null) cache(threadIds, thread, id);
        return id;
    }

    private static <K> void cache(Map<K, Integer> cache, K key, int id) {
        if (cache.size() > CACHE_LIMIT) cache.clear();
        cache.put(key, id);
    }

    int objectClassId(JfrClass objectClass) {
        Integer id = objectClass == null ? null : objectClassIds.get(objectClass);
        if (id != null) return id;
        id = classes.intern(objectClass == null ? "unknown" : ClassNames.stable(ClassNames.readable(objectClass.getName())));
        if (objectClass != null) cache(objectClassIds, objectClass, id);
        return id;
    }

    static String threadName(JfrThread thread) {
        if (thread == null) return "unknown";
        String name = thread.getJavaName();
        return name != null ? name : thread.getOSName() != null ? thread.getOSName() : "unknown";
    }

    /** A stack in the allocation tree. */
    int stackNode(JfrStackTrace stack) {
        return stackNode(stack, tree, stackNodes);
    }

    /** A stack in the tree of class loads, execution samples and old objects, kept apart from the allocation tree. */
    int evidenceNode(JfrStackTrace stack) {
        return stackNode(stack, evidenceStacks, evidenceNodes);
    }

    private int stackNode(JfrStackTrace stack, CallTree tree, Map<JfrStackTrace, Integer> stackNodes) {
        if (stack == null) return tree.child(CallTree.ROOT, frameId(FrameTable.NO_STACK, FrameTable.NO_STACK, null));
        Integer cached = stackNodes.get(stack);
        if (cached != null) return cached;
        long[] keys = stack.frameKeys();
        List<JfrFrame> stackFrames = keys == null ? stack.getFrames() : null; // leaf first; with keys, read on a miss
        int node = CallTree.ROOT;
        for (int i = (keys == null ? stackFrames.size() : keys.length / 2) - 1; i >= 0; i--) {
            long key = keys == null ? -1 : frameKey(keys[2 * i], keys[2 * i + 1]);
            int frameId = key < 0 ? -2 : frameIdsByKey.get(key) - 1; // stored plus one (PROFILER_FRAME is -1): -2 unknown
            if (frameId == -2) {
                if (stackFrames == null) stackFrames = stack.getFrames();
                frameId = frameId(stackFrames.get(i));
                if (key >= 0) frameIdsByKey.put(key, frameId + 1);
            }
            if (frameId != PROFILER_FRAME) node = tree.child(node, frameId);
        }
        if (stackNodes.size() > CACHE_LIMIT) stackNodes.clear();
        stackNodes.put(stack, node);
        return node;
    }

    /**
     * One key of a frame's method and frame type keys (see {@link JfrStackTrace#frameKeys}), or -1 when they are out
     * of the range it packs: a chunk's stacks share frames, which are then read once per chunk, not once per stack.
     */
    private static long frameKey(long methodKey, long typeKey) {
        return methodKey < 0 || methodKey >= 1L << 58 || typeKey < 0 || typeKey >= 32 ? -1 : methodKey << 5 | typeKey;
    }

    private int frameId(JfrFrame frame) {
        JfrMethod method = frame.getMethod();
        return method == null ? frameId("unknown", "unknown", null) : frameId(frame, method);
    }

    /** A method's frame id, or {@link #PROFILER_FRAME}; cached per chunk, as a stack's frames are read per chunk. */
    private int frameId(JfrFrame frame, JfrMethod method) {
        Integer cached = frameIds.get(method);
        if (cached != null) return cached;
        JfrClass type = method.getType();
        String className = type == null ? "unknown" : ClassNames.stable(type.getName());
        int id;
        if (className.startsWith("libasyncProfiler")) {
            id = PROFILER_FRAME; // async-profiler's own hooks (malloc_hook) top every native stack: noise, not the target's code
        } else if (isNativeCode(frame, type)) {
            // async-profiler: a C/C++ symbol, its "class" the library (libjvm.so), which is also its library
            String library = className.isEmpty() ? "native" : className;
            id = frameId(method.getName(), library, library);
        } else {
            id = frameId(className + "." + method.getName(), className, type == null ? null : moduleOf(type));
        }
        if (frameIds.size() > CACHE_LIMIT) frameIds.clear();
        frameIds.put(method, id);
        return id;
    }

    private int frameId(String name, String className, String module) {
        int id = frames.intern(name, classes.intern(className));
        if (id == frameModules.size()) frameModules.add(module);
        return id;
    }

    /** Native code, as async-profiler records it: a frame of native type whose class is a library, without package. */
    private static boolean isNativeCode(JfrFrame frame, JfrClass type) {
        String kind = frame.getFrameType();
        return ("Native".equals(kind) || "C++".equals(kind) || "Kernel".equals(kind))
                && (type == null || !type.hasField("package") || type.getValue("package") == null);
    }

    /** The named module of a class (JFR records it for JDK classes), or null. */
    static String moduleOf(JfrClass type) {
        if (!type.hasField("package")) return null;
        JfrObject pkg = type.getValue("package");
        if (pkg == null || !pkg.hasField("module")) return null;
        JfrObject module = pkg.getValue("module");
        return module == null ? null : module.getString("name");
    }
}
