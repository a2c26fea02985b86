package dev.memprof.junit;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The heap retained now: what the heap pools hold right after a collection ({@link MemoryPoolMXBean#getCollectionUsage()}),
 * after {@code System.gc()} until two collections in a row leave the same bytes. One collection is not enough: objects
 * whose references or cleaners the first one cleared go in the second, and reading the pools allocates. Two readings
 * agree after 2 to 5 collections (measured: G1 on JDK 17 and 25).
 */
final class RetainedHeap {
    private static final int MOST_COLLECTIONS = 8;

    private RetainedHeap() {
    }

    /** The retained bytes, after as many full collections as it takes them to settle (at most 8). */
    static long measure() {
        long last = -1;
        for (int i = 0; i < MOST_COLLECTIONS; i++) {
            long collections = collections();
            System.gc();
            if (collections() == collections) {
                throw new IllegalStateException("@MaxRetained: System.gc() collected nothing; it needs a JVM that runs it "
                        + "(not -XX:+DisableExplicitGC)");
            }
            long used = usedAfterCollection();
            if (used == last) return used;
            last = used;
        }
        return last;
    }

    private static long usedAfterCollection() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterCollection = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterCollection != null) used += afterCollection.getUsed();
        }
        return used;
    }

    private static long collections() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }
}
