package dev.memprof.samples;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds a loop to a rate: a service works at its clients' pace, not as fast as the CPU can, and a sample that spins
 * takes every core from the tests running beside it. One per thread: call {@link #step()} after each batch of work.
 */
final class Pace {
    private final long start = System.nanoTime(), nanosPerStep;
    private long steps;

    Pace(int stepsPerSecond) {
        nanosPerStep = 1_000_000_000L / stepsPerSecond;
    }

    /** Counts a step and waits until the rate allows the next one (not at all when behind). */
    void step() {
        LockSupport.parkNanos(start + ++steps * nanosPerStep - System.nanoTime());
    }
}
