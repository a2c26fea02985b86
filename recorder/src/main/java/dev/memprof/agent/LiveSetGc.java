package dev.memprof.agent;

/**
 * For {@code memprof run}: a full GC now and then, so that the recording holds readings of the live set (heap used
 * after a collection of the whole heap). With a startup rule they begin at startup's end (the trend leaves startup
 * out). An app under steady load with a default heap may run no old collection in
 * minutes (G1, 6 GiB max heap, 60 s of an H2 workload: 9 young collections, none old; with a 120 MiB leak, none
 * either), and heap after a young collection still holds old garbage.
 * <p>
 * The pace keeps the cost bounded: the next GC waits {@value #PAUSE_SHARE} times as long as the shortest of the last
 * three took (one slowed by a busy machine does not stall the readings: 110 ms once meant 17 s without one), and at
 * least {@value #MIN_INTERVAL_MILLIS} ms, so these GCs take at most about 2% of the time while a full GC takes up to
 * 60 ms; a trend needs readings, so they never wait more than {@value #MAX_INTERVAL_MILLIS} ms (on 2 cores at load 20, a
 * 7 MiB heap's full GC took 0.5 s and a 2% budget gave 1 reading in 30 s). {@code System.gc()} is a full
 * stop-the-world GC with G1, Parallel and Serial, a whole-heap cycle with ZGC and Shenandoah; with
 * {@code -XX:+DisableExplicitGC} it does nothing (and with {@code -XX:+ExplicitGCInvokesConcurrent} G1 marks
 * concurrently): the report then says it has no readings, never a wrong trend.
 */
final class LiveSetGc {
    static final long MIN_INTERVAL_MILLIS = 1000, MAX_INTERVAL_MILLIS = 3000;
    static final int PAUSE_SHARE = 50;

    private LiveSetGc() {}

    static void start() {
        Thread thread = new Thread(() -> {
            try {
                long[] lastMillis = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
                long interval = MIN_INTERVAL_MILLIS;
                for (int n = 0; ; n++) {
                    Thread.sleep(interval);
                    long start = System.nanoTime();
                    System.gc();
                    lastMillis[n % 3] = (System.nanoTime() - start) / 1_000_000;
                    long shortest = Math.min(lastMillis[0], Math.min(lastMillis[1], lastMillis[2]));
                    interval = Math.max(MIN_INTERVAL_MILLIS, Math.min(MAX_INTERVAL_MILLIS, shortest * PAUSE_SHARE));
                }
            } catch (Throwable ignored) {
                // never into the target; interrupted at exit
            }
        }, "memprof-live-set-gc");
        thread.setDaemon(true);
        thread.start();
    }
}
