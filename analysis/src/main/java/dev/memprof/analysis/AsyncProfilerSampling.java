package dev.memprof.analysis;

/**
 * What one async-profiler sample stands for, in bytes.
 * <p>
 * Java allocations ({@code jdk.ObjectAllocationInNewTLAB} written by async-profiler, {@code profiler.LiveObject}) are
 * sampled by the JVM's heap sampler (JVMTI SampledObjectAlloc): sample points fall at exponentially distributed byte
 * distances of mean I, async-profiler's {@code alloc} interval. An object of {@code s} bytes is hit with probability
 * {@code 1 - e^(-s/I)}, so it stands for {@code s / (1 - e^(-s/I))} bytes: about I for small objects, s for huge
 * ones. async-profiler writes {@code tlabSize = max(s, I)}, which its converter counts; that undercounts objects near
 * I in size (256 KiB arrays at I = 512 KiB by a fifth), so memprof takes only I from it.
 * <p>
 * Native allocations ({@code profiler.Malloc}) are sampled by a byte counter ({@code nativemem=N}), not at random: a
 * malloc of s bytes stands for {@code max(s, N)}; N = 0 records every malloc.
 */
final class AsyncProfilerSampling {
    private long allocInterval, nativeInterval;

    /** async-profiler's {@code jdk.ActiveSetting}s: {@code alloc} and {@code nativemem} are the intervals in bytes. */
    void setting(String name, String value) {
        if (!"alloc".equals(name) && !"nativemem".equals(name)) return;
        try {
            long interval = Long.parseLong(value.strip());
            if ("alloc".equals(name) && interval > 0) allocInterval = interval;
            if ("nativemem".equals(name) && interval >= 0) nativeInterval = interval;
        } catch (NumberFormatException | NullPointerException ignored) {
            // not a number: keep what the events tell
        }
    }

    /** An allocation sample; {@code tlabSize} above the object's size is the interval it was sampled at. */
    long allocation(long size, long tlabSize) {
        if (tlabSize > size) allocInterval = tlabSize;
        return live(size);
    }

    /** A sampled object still alive. */
    long live(long size) {
        return scaled(size, allocInterval);
    }

    long malloc(long size) {
        return Math.max(size, nativeInterval);
    }

    /** {@code size / (1 - e^(-size/interval))}; the size itself when the interval is unknown. */
    static long scaled(long size, long interval) {
        if (interval <= 0 || size <= 0) return Math.max(size, 0);
        return Math.round(size / -Math.expm1(-(double) size / interval));
    }
}
