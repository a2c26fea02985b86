package dev.memprof.junit;

import java.lang.management.ManagementFactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes a test allocated, from the JVM's per-thread allocation counters
 * ({@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])}), which count every byte a thread allocates
 * on the heap, exactly: the test's thread, plus (unless {@code ownThreadOnly}) the threads started during the test.
 *
 * <p>A counter dies with its thread. What threads that started and ended within the test allocated comes from the
 * JVM-wide total ({@code getTotalThreadAllocatedBytes}: JDK 21+, recent 17 updates): the total's growth, minus what the threads still
 * alive allocated. That remainder can also hold what other threads allocated in the microseconds the readings take
 * (measured: 0 to 256 bytes) and what a thread that existed before the test allocated before it ended. Older JDKs lack
 * the total: threads that ended within the test are then not counted ({@link #countsEndedThreads()}).
 */
final class ThreadAllocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** {@code getTotalThreadAllocatedBytes()}: JDK 21+, and 17 updates that backported it (17.0.15 has it); else null. Looked up: not in 17's API. */
    private static final MethodHandle TOTAL = totalMethod();

    private final boolean ownThreadOnly;
    private final long testThread = Thread.currentThread().getId();
    private final long totalBefore;
    private final Map<Long, Long> before;
    /** What this class allocated on the test's thread inside the total's window, which the total must not charge. */
    private long ownBytes;
    private final long testThreadBefore;

    /** Starts counting; call from the test's thread right before the test body. */
    ThreadAllocations(boolean ownThreadOnly) {
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("@MaxAllocation: this JVM cannot count the bytes a thread allocates");
        }
        if (!THREADS.isThreadAllocatedMemoryEnabled()) THREADS.setThreadAllocatedMemoryEnabled(true);
        this.ownThreadOnly = ownThreadOnly;
        long start = THREADS.getCurrentThreadAllocatedBytes();
        this.totalBefore = ownThreadOnly ? 0 : total();
        this.before = ownThreadOnly ? Map.of() : allThreads();
        this.testThreadBefore = THREADS.getCurrentThreadAllocatedBytes();
        this.ownBytes = testThreadBefore - start;
    }

    /** Stops counting; call from the test's thread right after the test body. The bytes allocated, by the rules above. */
    long stop() {
        long testThreadBytes = THREADS.getCurrentThreadAllocatedBytes() - testThreadBefore;
        if (ownThreadOnly) return testThreadBytes;
        long stop = THREADS.getCurrentThreadAllocatedBytes();
        Map<Long, Long> after = allThreads();
        long totalAfter = total();
        ownBytes += THREADS.getCurrentThreadAllocatedBytes() - stop;
        long started = 0, others = 0;
        for (Map.Entry<Long, Long> thread : after.entrySet()) {
            Long was = before.get(thread.getKey());
            if (was == null) started += thread.getValue();
            else if (thread.getKey() != testThread) others += thread.getValue() - was;
        }
        long ended = TOTAL == null ? 0 : (totalAfter - totalBefore) - ownBytes - testThreadBytes - started - others;
        return testThreadBytes + started + Math.max(0, ended);
    }

    /** True when {@link #stop()} counts threads that started and ended within the test (when the JDK has the total, or own thread only). */
    boolean countsEndedThreads() {
        return ownThreadOnly || TOTAL != null;
    }


    /** True when the thread with this id is counted: the test's thread, or one started during the test. */
    boolean counts(long threadId) {
        return threadId == testThread || (!ownThreadOnly && !before.containsKey(threadId));
    }


    boolean ownThreadOnly() {
        return ownThreadOnly;
    }

    private static Map<Long, Long> allThreads() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) byThread.put(ids[i], bytes[i]); // -1: ended between the two calls
        }
        return byThread;
    }

    private static long total() {
        if (TOTAL == null) return 0;
        try {
            return (long) TOTAL.invokeExact(THREADS); // exact type: no boxing, so no bytes of ours after the reading
        } catch (Throwable e) {
            throw new IllegalStateException("getTotalThreadAllocatedBytes failed", e);
        }
    }

    private static MethodHandle totalMethod() {
        try {
            MethodHandle total = MethodHandles.publicLookup().findVirtual(com.sun.management.ThreadMXBean.class,
                    "getTotalThreadAllocatedBytes", MethodType.methodType(long.class));
            // the first call links the handle, allocating before it reads the total: inside a test's window those
            // bytes would be subtracted from the total without being in it
            long ignored = (long) total.invokeExact(THREADS);
            return total;
        } catch (Throwable e) {
            return null;
        }
    }
}
