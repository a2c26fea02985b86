package dev.memprof.samples;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.LockSupport;

/**
 * Question: does memprof attribute allocated bytes to the right sites, in the right proportions?
 * <p>
 * Four sites, each on its own thread, allocate in lockstep rounds with fixed byte budgets (large
 * arrays 60%, small arrays 25%, strings 10%, tiny objects 5%), so the proportions hold in any time
 * window. At exit each thread prints its exact allocated bytes from the JVM's per-thread counter:
 * {@code site=<method> thread=<name> bytes=<n>}; the threads stay alive, idle, until the JVM exits. Args:
 * {@code [seconds] [MiB per second]} (default 4 s, {@value #DEFAULT_MIB_PER_SECOND} MiB/s; 0 for as fast as it can).
 * A line {@code stop} on standard input ends the run early, at the end of a round, with the same output: a test
 * that attaches gives the target time enough for a busy machine and ends it as soon as it is done.
 * <p>
 * Paced because a busy service allocates hundreds of MiB a second, not all a machine can: flat out, the four threads
 * take every core (tests run side by side on two), and JFR samples at most 1,000 allocations a second either way.
 * Paced, each site's bytes per second are fixed, not bound by the CPU. For {@code memprof diff}:
 * {@code -Dmemprof.sample.grow=<method>:<factor>} multiplies one site's budget: between a run with it and one without,
 * that site's rate changes and the others' do not.
 */
public final class AllocationSites {
    static final long ROUND_BYTES = 4L << 20;
    static final long DEFAULT_MIB_PER_SECOND = 256;
    static volatile Object[] largeSink = new Object[4], smallSink = new Object[1024],
            stringSink = new Object[1024], tinySink = new Object[1024];

    record Site(String method, int percent, Runnable step) {}

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 4;
        List<Site> sites = List.of(
                new Site("allocateLargeArrays", 60, AllocationSites::allocateLargeArrays),
                new Site("allocateSmallArrays", 25, AllocationSites::allocateSmallArrays),
                new Site("allocateStrings", 10, AllocationSites::allocateStrings),
                new Site("allocateTinyObjects", 5, AllocationSites::allocateTinyObjects));
        long mibPerSecond = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_MIB_PER_SECOND;
        long begin = System.nanoTime(), deadline = begin + seconds * 1_000_000_000L;
        long roundNanos = mibPerSecond == 0 ? 0 : (ROUND_BYTES >> 20) * 1_000_000_000L / mibPerSecond;
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var stopAsked = new java.util.concurrent.atomic.AtomicBoolean();
        Thread stdin = new Thread(() -> stopAsked.set(stopLineArrives()), "stop-on-stdin");
        stdin.setDaemon(true);
        stdin.start();
        long[] rounds = {0};
        String[] grow = System.getProperty("memprof.sample.grow", ":1").split(":");
        // at the end of each round, in the last thread to arrive: wait until the pace allows the next one
        var barrier = new CyclicBarrier(sites.size(), () -> {
            long due = begin + ++rounds[0] * roundNanos;
            LockSupport.parkNanos(due - System.nanoTime());
            stop.set(System.nanoTime() > deadline || stopAsked.get());
        });
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocated = new long[sites.size()];
        List<Thread> threads = new ArrayList<>();
        CountDownLatch finished = new CountDownLatch(sites.size());
        for (int i = 0; i < sites.size(); i++) {
            Site site = sites.get(i);
            int index = i;
            threads.add(new Thread(() -> {
                long start = mx.getCurrentThreadAllocatedBytes();
                long budget = ROUND_BYTES * site.percent() / 100
                        * (site.method().equals(grow[0]) ? Long.parseLong(grow[1]) : 1);
                try {
                    do {
                        long roundStart = mx.getCurrentThreadAllocatedBytes();
                        while (mx.getCurrentThreadAllocatedBytes() - roundStart < budget) {
                            site.step().run();
                        }
                        barrier.await();
                    } while (!stop.get());
                    allocated[index] = mx.getCurrentThreadAllocatedBytes() - start;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    finished.countDown(); // also when a site fails: main must not wait forever
                }
                // kept alive, idle, until the JVM exits: a thread that ends just before a chunk rotation can leave its
                // last samples in a chunk without its thread constant (the JDK's and memprof's readers then disagree)
                while (true) LockSupport.park();
            }, "site-" + site.method()));
            threads.get(i).setDaemon(true);
        }
        System.out.println("memprof-sample ready");
        threads.forEach(Thread::start);
        finished.await();
        for (int i = 0; i < sites.size(); i++) {
            System.out.println("site=" + sites.get(i).method() + " thread=site-" + sites.get(i).method()
                    + " bytes=" + allocated[i]);
        }
    }

    /** Whether a line {@code stop} arrives on standard input before it ends. */
    private static boolean stopLineArrives() {
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("stop")) return true;
            }
        } catch (java.io.IOException closed) {
            // no input: the run ends at its time
        }
        return false;
    }

    // Each step allocates a batch, so the counter check above costs little against it.
    static void allocateLargeArrays() {
        largeSink[(int) (System.nanoTime() & 3)] = new byte[256 * 1024];
    }

    static void allocateSmallArrays() {
        Object[] sink = smallSink;
        for (int i = 0; i < 1024; i++) sink[i] = new byte[48];
    }

    static void allocateStrings() {
        Object[] sink = stringSink;
        for (int i = 0; i < 256; i++) sink[i] = String.valueOf(i * 31L) + "/" + i;
    }

    static void allocateTinyObjects() {
        Object[] sink = tinySink;
        for (int i = 0; i < 1024; i++) sink[i] = new Object();
    }
}
