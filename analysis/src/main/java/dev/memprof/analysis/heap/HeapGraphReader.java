package dev.memprof.analysis.heap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an HPROF file into a {@link HeapGraph} in two passes: the first collects object ids, classes and GC roots
 * (skipping object data), the second, with every id then known, turns references into int edges straight away, so
 * no edge is ever held as a long. Peak memory is proportional to objects and references, not to the file.
 */
final class HeapGraphReader {
    /** The id index doubles its slots; past this many objects it would overflow an int. */
    private static final int MAX_OBJECTS = 1 << 29;
    /** Fields HotSpot injects into a class's mirror, which the dump does not list (klass, oop_size, signers...). */
    private static final int MIRROR_INJECTED_BYTES = 40;
    private static final String PLATFORM_LOADER = "jdk.internal.loader.ClassLoaders$PlatformClassLoader";

    private HeapGraphReader() {
    }

    static HeapGraph read(Path file, HeapLayout layoutOrNull) throws IOException {
        ObjectIds ids = new ObjectIds();
        int idSize = HprofRecords.walk(file, ids);
        HeapLayout layout = layoutOrNull != null ? layoutOrNull : HeapLayout.guess(idSize, ids.lowest, ids.highest);
        HeapClasses classes = new HeapClasses(ids.classDumps, ids.classNames, layout);
        Edges edges = new Edges(ids, classes, layout, idSize);
        HprofRecords.walk(file, edges);
        if (edges.node != ids.count) throw new HeapDumpException("the dump changed while it was read");
        classes.resolveNames(edges.strings);
        edges.sizeClassObjects();
        edges.markJdkClasses();
        return new HeapGraph(ids.count + 1, classes, edges.classOf, edges.sizeUnits, edges.edgeStart,
                Arrays.copyOf(edges.targets, edges.edgeCount), Arrays.copyOf(edges.slots, edges.edgeCount),
                edges.classNode, ids.rootCounts, edges.strings, layout);
    }

    /** Pass 1: ids of all objects in file order, the class records, class names' string ids, the GC roots. */
    private static final class ObjectIds implements HprofVisitor {
        long[] ids = new long[1 << 16];
        int count;
        long lowest = Long.MAX_VALUE, highest = Long.MIN_VALUE;
        final List<ClassDump> classDumps = new ArrayList<>();
        final Map<Long, Long> classNames = new HashMap<>();
        long[] rootIds = new long[1024];
        byte[] rootKinds = new byte[1024];
        int roots;
        final long[] rootCounts = new long[GcRootKind.values().length];

        private void add(long id) {
            if (count + 1 >= ids.length) {
                if (count >= MAX_OBJECTS) throw new HeapDumpException("more than " + MAX_OBJECTS + " objects");
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[++count] = id;
            lowest = Math.min(lowest, id);
            highest = Math.max(highest, id);
        }

        @Override
        public void loadClass(long classId, long nameId) {
            classNames.put(classId, nameId);
        }

        @Override
        public void root(GcRootKind kind, long objectId) {
            rootCounts[kind.ordinal()]++;
            if (roots == rootIds.length) {
                rootIds = Arrays.copyOf(rootIds, roots * 2);
                rootKinds = Arrays.copyOf(rootKinds, roots * 2);
            }
            rootIds[roots] = objectId;
            rootKinds[roots++] = (byte) kind.ordinal();
        }

        @Override
        public void classDump(ClassDump dump) {
            classDumps.add(dump);
            add(dump.id());
        }

        @Override
        public void instance(long id, long classId, HprofInput in, long length) {
            add(id);
        }

        @Override
        public void objectArray(long id, long arrayClassId, HprofInput in, long count) {
            add(id);
        }

        @Override
        public void primitiveArray(long id, int type, long count) {
            add(id);
        }
    }

    /** Pass 2: each object's class, shallow size and outgoing edges; the text of the strings naming needs. */
    private static final class Edges implements HprofVisitor {
        final ObjectIds ids;
        final HeapClasses classes;
        final HeapLayout layout;
        final ObjectIndex index;
        final Set<Long> neededStrings;
        final Map<Long, String> strings = new HashMap<>();
        final int[] classOf, sizeUnits, edgeStart, classNode;
        final long[] dataBytes;
        final long[] loaderBits;
        final Map<Integer, int[]> classesByLoader = new HashMap<>();
        int[] targets = new int[1 << 16];
        short[] slots = new short[1 << 16];
        int edgeCount, node;

        Edges(ObjectIds ids, HeapClasses classes, HeapLayout layout, int idSize) {
            this.ids = ids;
            this.classes = classes;
            this.layout = layout;
            index = new ObjectIndex(ids.ids, ids.count);
            neededStrings = classes.neededStrings();
            int nodes = ids.count + 1;
            classOf = new int[nodes];
            sizeUnits = new int[nodes];
            edgeStart = new int[nodes + 1];
            classNode = new int[classes.count];
            dataBytes = new long[classes.count];
            for (int c = 0; c < classes.dumps.size(); c++) {
                classNode[c] = index.node(classes.dumps.get(c).id());
                for (byte t : classes.fieldTypes[c]) dataBytes[c] += BasicType.size(t, idSize);
            }
            loaderBits = new long[(nodes + 63) >>> 6];
            Map<Integer, List<Integer>> loaded = new HashMap<>();
            for (int c = 0; c < classes.dumps.size(); c++) {
                int loader = index.node(classes.dumps.get(c).loaderId());
                if (loader != 0) loaded.computeIfAbsent(loader, k -> new ArrayList<>()).add(classNode[c]);
            }
            loaded.forEach((loader, list) -> {
                loaderBits[loader >>> 6] |= 1L << loader;
                classesByLoader.put(loader, list.stream().mapToInt(Integer::intValue).toArray());
            });
            for (int r = 0; r < ids.roots; r++) edge(index.node(ids.rootIds[r]), ids.rootKinds[r]);
            edgeStart[1] = edgeCount;
        }

        @Override
        public void string(long id, HprofInput in, int length) throws IOException {
            if (length <= 0xFFFF && neededStrings.contains(id)) strings.put(id, in.utf8(length));
        }

        @Override
        public void classDump(ClassDump dump) {
            int n = next(dump.id());
            int c = classes.index(dump.id());
            classOf[n] = -c - 1;
            edge(index.node(dump.superId()), HeapGraph.SUPER_CLASS);
            edge(index.node(dump.loaderId()), HeapGraph.CLASS_LOADER);
            edge(index.node(dump.signersId()), HeapGraph.CLASS_OTHER);
            edge(index.node(dump.protectionDomainId()), HeapGraph.CLASS_OTHER);
            long[] values = dump.staticValues();
            for (int f = 0; f < values.length; f++) edge(index.node(values[f]), (short) f);
            close(n);
        }

        @Override
        public void instance(long id, long classId, HprofInput in, long length) throws IOException {
            int n = next(id);
            int c = instanceOf(n, classId);
            if (length != dataBytes[c]) {
                throw new HeapDumpException("object 0x" + Long.toHexString(id) + " has " + length
                        + " bytes of fields but its class declares " + dataBytes[c] + " (damaged dump?)");
            }
            sizeUnits[n] = units(classes.instanceSize[c]);
            byte[] types = classes.fieldTypes[c];
            int idSize = in.idSize();
            long skip = 0;
            short reference = 0;
            for (byte t : types) {
                if (t == BasicType.OBJECT) {
                    in.skip(skip);
                    skip = 0;
                    edge(index.node(in.id()), reference++);
                } else {
                    skip += BasicType.size(t, idSize);
                }
            }
            if ((loaderBits[n >>> 6] & (1L << n)) != 0) {
                for (int loaded : classesByLoader.get(n)) edge(loaded, HeapGraph.LOADED_CLASS);
            }
            close(n);
        }

        @Override
        public void objectArray(long id, long arrayClassId, HprofInput in, long count) throws IOException {
            int n = next(id);
            instanceOf(n, arrayClassId);
            sizeUnits[n] = units(layout.arraySize(count, layout.reference()));
            for (long i = 0; i < count; i++) edge(index.node(in.id()), HeapGraph.ARRAY_ELEMENT);
            close(n);
        }

        @Override
        public void primitiveArray(long id, int type, long count) {
            int n = next(id);
            classOf[n] = classes.primitiveArrayClass(type);
            sizeUnits[n] = units(layout.arraySize(count, BasicType.size(type, 8)));
            close(n);
        }

        private int next(long id) {
            int n = ++node;
            if (n > ids.count || ids.ids[n] != id) throw new HeapDumpException("the dump changed while it was read");
            return n;
        }

        /** Records the class of object n and its edge to the class; returns the class index. */
        private int instanceOf(int n, long classId) {
            int c = classes.index(classId);
            if (c < 0) throw new HeapDumpException("object 0x" + Long.toHexString(ids.ids[n]) + " has no class in the dump");
            classOf[n] = c;
            edge(classNode[c], HeapGraph.TO_CLASS);
            return c;
        }

        private void close(int n) {
            edgeStart[n + 1] = edgeCount;
        }

        /** Adds an edge to a node; 0 (a null or an object the dump does not hold) adds nothing. */
        private void edge(int target, int slot) {
            if (target == 0) return;
            if (edgeCount == targets.length) {
                if (edgeCount > Integer.MAX_VALUE / 2 - 16) throw new HeapDumpException("more than 1G references");
                targets = Arrays.copyOf(targets, edgeCount + (edgeCount >> 1));
                slots = Arrays.copyOf(slots, targets.length);
            }
            targets[edgeCount] = target;
            slots[edgeCount++] = (short) slot;
        }

        private static int units(long bytes) {
            long units = bytes / HeapGraph.SIZE_UNIT;
            if (units > Integer.MAX_VALUE) throw new HeapDumpException("an object of " + bytes + " bytes");
            return (int) units;
        }

        /** A class object is a java.lang.Class instance plus its static fields (HotSpot keeps statics in the mirror). */
        void sizeClassObjects() {
            int javaLangClass = -1;
            for (int c = 0; c < classes.dumps.size(); c++) if ("java.lang.Class".equals(classes.names[c])) javaLangClass = c;
            long mirror = MIRROR_INJECTED_BYTES
                    + (javaLangClass < 0 ? layout.instanceSize(0) : classes.instanceSize[javaLangClass]);
            for (int c = 0; c < classes.dumps.size(); c++) {
                ClassDump d = classes.dumps.get(c);
                long statics = 0;
                for (int f = 0; f < d.staticTypes().length; f++) {
                    // HotSpot adds pseudo statics ("<resolved_references>") that are references, not mirror fields
                    if (!classes.staticFieldName(c, f, strings).startsWith("<")) statics += layout.fieldBytes(d.staticTypes()[f]);
                }
                sizeUnits[classNode[c]] = units(layout.align(mirror + statics));
            }
        }

        void markJdkClasses() {
            for (int c = 0; c < classes.dumps.size(); c++) {
                long loaderId = classes.dumps.get(c).loaderId();
                int loader = index.node(loaderId);
                classes.jdk[c] = loaderId == 0
                        || loader != 0 && classOf[loader] >= 0 && PLATFORM_LOADER.equals(classes.names[classOf[loader]]);
            }
        }
    }
}
