package dev.memprof.samples;

/**
 * Question: does a time range select what happened in it? The first half allocates only in {@link #firstPhase}
 * (byte arrays), the second half only in {@link #secondPhase} (long arrays); it prints
 * {@code secondPhaseEpochMillis=<when the second half began>}. Args: {@code [seconds per phase]} (default 3).
 */
public final class TwoPhases {
    static volatile Object sink;

    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 3;
        System.out.println("memprof-sample ready");
        run(seconds, TwoPhases::firstPhase);
        System.out.println("secondPhaseEpochMillis=" + System.currentTimeMillis());
        run(seconds, TwoPhases::secondPhase);
    }

    /** A step allocates about 32 KiB; 4,000 steps a second are about 128 MiB/s (see {@link Pace}). */
    private static void run(long seconds, Runnable step) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Pace pace = new Pace(4_000);
        while (System.nanoTime() < end) {
            step.run();
            pace.step();
        }
    }

    static void firstPhase() {
        for (int i = 0; i < 64; i++) sink = new byte[512];
    }

    static void secondPhase() {
        for (int i = 0; i < 64; i++) sink = new long[64];
    }
}
