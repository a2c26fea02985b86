package dev.memprof.analysis;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arithmetic and bookkeeping behind async-profiler's events: sample weights and native memory by address. */
class AsyncProfilerEventsTest {
    static final long INTERVAL = 512 * 1024;

    @Test
    void anAllocationSampleStandsForTheBytesItsSamplingProbabilityImplies() {
        AsyncProfilerSampling sampling = new AsyncProfilerSampling();
        // small objects: about one interval each
        assertEquals(INTERVAL, sampling.allocation(16, INTERVAL), 16);
        // half an interval: hit with probability 1 - e^-0.5, so it stands for 256 KiB / 0.3935 = 650.6 KiB, not max(s, I)
        assertEquals(666_237, sampling.allocation(256 * 1024, INTERVAL), 1);
        // objects far above the interval: about their own size
        assertEquals(64L << 20, sampling.allocation(64L << 20, 64L << 20), 1);
        // the interval is remembered from smaller samples, for an object as large as tlabSize
        assertEquals(Math.round(INTERVAL / (1 - Math.exp(-1))), sampling.allocation(INTERVAL, INTERVAL), 1);
        assertEquals(Math.round(INTERVAL / (1 - Math.exp(-1))), sampling.live(INTERVAL), 1);
    }

    @Test
    void theEstimateIsUnbiasedUnderTheJvmsExponentialSampling() {
        // simulate the JVM's sampler: sample points at exponential byte distances of mean I over a stream of objects
        Random random = new Random(42);
        long[] sizes = {24, 1024, 48 * 1024, 256 * 1024, 600 * 1024, 4 << 20};
        for (long size : sizes) {
            long allocated = 0, estimated = 0;
            double nextSample = -INTERVAL * Math.log(1 - random.nextDouble());
            for (int i = 0; i < 200_000_000 / Math.max(size, 1024) + 2000; i++) {
                long start = allocated;
                allocated += size;
                if (nextSample < allocated) {
                    estimated += AsyncProfilerSampling.scaled(size, INTERVAL);
                    while (nextSample < allocated) nextSample += -INTERVAL * Math.log(1 - random.nextDouble());
                }
                assertTrue(start < allocated);
            }
            assertEquals(1.0, (double) estimated / allocated, 0.03, "object size " + size);
        }
    }

    @Test
    void nativeMemoryNotFreedIsDecidedByTheLatestEventPerAddressWhateverTheirOrderInTheFile() {
        NativeMemory memory = new NativeMemory();
        int leakNode = 7, churnNode = 9;
        // address A: malloc (t=1), free (t=2), malloc again (t=3): the free arrives last, as buffers flush out of order
        memory.malloc(1, 0xA, churnNode, 0, 0, 100);
        memory.malloc(3, 0xA, leakNode, 1, 0, 300);
        memory.free(2, 0xA);
        // address B: the free (t=6) is read before its malloc (t=5)
        memory.free(6, 0xB);
        memory.malloc(5, 0xB, churnNode, 0, 1, 50);
        // address C: freed memory that was allocated before the recording
        memory.free(4, 0xC);
        memory.finish();

        assertEquals(450, memory.totalBytes());
        assertEquals(300, memory.totalUnfreedBytes());
        NativeMemory.Site leak = memory.bySite().stream().filter(s -> s.node() == leakNode).findFirst().orElseThrow();
        NativeMemory.Site churn = memory.bySite().stream().filter(s -> s.node() == churnNode).findFirst().orElseThrow();
        assertEquals(new NativeMemory.Site(leakNode, 300, 1, 300, 1), leak);
        assertEquals(new NativeMemory.Site(churnNode, 150, 2, 0, 0), churn);
        assertEquals(3, memory.size(), "rows by (stack, thread, bucket)");
    }

    @Test
    void aSampledMallocStandsForTheNativeIntervalAtLeast() {
        AsyncProfilerSampling sampling = new AsyncProfilerSampling();
        assertEquals(24, sampling.malloc(24), "nativemem=0 records every malloc");
        sampling.setting("nativemem", "1048576");
        assertEquals(1 << 20, sampling.malloc(24));
        assertEquals(8 << 20, sampling.malloc(8 << 20));
        sampling.setting("alloc", "not a number");
        assertEquals(INTERVAL, sampling.allocation(16, INTERVAL), 16);
    }

    @Test
    void asyncProfilersHiddenClassNamesAreStableToo() {
        assertEquals("dev.memprof.samples.AllocationSites$$Lambda",
                ClassNames.stable("dev.memprof.samples.AllocationSites$$Lambda$19.0x00007f1ae0003800"));
        assertEquals("Foo$$Lambda", ClassNames.stable("Foo$$Lambda/0x0000000800c01234"));
        assertEquals("java.lang.String", ClassNames.stable("java.lang.String"));
    }
}
