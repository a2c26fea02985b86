package dev.memprof.analysis;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AllocationRateTest {
    static final long S = 1_000_000_000L, START = 1_000 * S;

    @Test
    void eachWeightIsSpreadOverTheTimeSinceTheThreadsPreviousSample() {
        Timeline timeline = new Timeline(START, 200 * S); // 1 s buckets
        AllocationRate rate = new AllocationRate(timeline);
        rate.add(0, START + S / 2, 7);          // a thread's first sample: its own bucket
        rate.add(0, START + 4 * S + S / 2, 4000); // 4 s since: 500 in bucket 0, 1000 in 1..3, 500 in 4
        rate.add(1, START + 2 * S + S / 2, 10);   // another thread's first sample
        long[] bytes = rate.bytesByBucket();
        assertArrayEquals(new long[] {507, 1000, 1010, 1000, 500}, Arrays.copyOf(bytes, 5));
        assertEquals(4017, Arrays.stream(bytes).sum(), "nothing lost, nothing added");
    }
}
