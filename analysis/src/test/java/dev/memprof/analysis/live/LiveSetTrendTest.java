package dev.memprof.analysis.live;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trend's verdict and rate against series whose true slope the test chose. */
class LiveSetTrendTest {
    static final double MIB = 1 << 20;

    /** {@code n} readings over {@code minutes}: base + slope * t + uniform noise of +-{@code noise}. */
    static LiveSetTrend series(int n, double minutes, double base, double slopePerMinute, double noise, long seed) {
        Random random = new Random(seed);
        double[] t = new double[n], bytes = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = minutes * i / (n - 1);
            bytes[i] = base + slopePerMinute * t[i] + (random.nextDouble() * 2 - 1) * noise;
        }
        return LiveSetTrend.of(t, bytes);
    }

    @Test
    void aSteadyLeakUnderNoiseIsGrowingAndItsRateIsInTheInterval() {
        int covered = 0;
        for (long seed = 0; seed < 100; seed++) {
            LiveSetTrend trend = series(12, 0.5, 50 * MIB, 10 * MIB, 1 * MIB, seed);
            assertEquals(LiveSetTrend.Verdict.GROWING, trend.verdict(), trend.toString());
            assertEquals(10 * MIB, trend.bytesPerMinute(), 3 * MIB);
            if (trend.lowBytesPerMinute() <= 10 * MIB && 10 * MIB <= trend.highBytesPerMinute()) covered++;
        }
        assertTrue(covered >= 90, "a 95% interval holds the true rate " + covered + " times in 100");
    }

    @Test
    void aFlatLiveSetIsNeverCalledGrowing() {
        for (long seed = 0; seed < 200; seed++) {
            LiveSetTrend trend = series(15, 1, 50 * MIB, 0, 5 * MIB, seed);
            assertEquals(LiveSetTrend.Verdict.NOT_GROWING, trend.verdict(), trend.toString());
        }
    }

    @Test
    void growthTooSmallToMatterIsNotGrowthEvenWhenSignificant() {
        // a clean 200 KiB climb over a 100 MiB live set: significant, but under 1 MiB and 5%
        LiveSetTrend trend = series(20, 0.5, 100 * MIB, 400 * 1024, 1024, 1);
        assertTrue(trend.pValue() < 0.001, trend.toString());
        assertEquals(LiveSetTrend.Verdict.NOT_GROWING, trend.verdict(), trend.toString());
    }

    @Test
    void oneOddGcDoesNotMakeATrend() {
        double[] t = new double[12], bytes = new double[12];
        for (int i = 0; i < 12; i++) {
            t[i] = i / 20.0;
            bytes[i] = 40 * MIB + (i % 2) * 100 * 1024;
        }
        bytes[11] = 400 * MIB; // e.g. a GC that could not free a big temporary structure
        assertEquals(LiveSetTrend.Verdict.NOT_GROWING, LiveSetTrend.of(t, bytes).verdict());
    }

    @Test
    void tooFewReadingsOrTooShortIsUnknown() {
        assertEquals(LiveSetTrend.Verdict.UNKNOWN, series(5, 1, 50 * MIB, 50 * MIB, 0, 1).verdict());
        assertEquals(LiveSetTrend.Verdict.UNKNOWN, series(30, 0.1, 50 * MIB, 50 * MIB, 0, 1).verdict(), "6 s is too short");
        assertEquals(LiveSetTrend.Verdict.UNKNOWN, LiveSetTrend.of(new double[0], new double[0]).verdict());
    }

    @Test
    void onlyWholeHeapReadingsAfterTheStartCount() {
        // young readings climb 20 MiB/min (old garbage), whole-heap ones are flat; a startup fill before the start
        java.util.List<LiveSetReadings.Reading> readings = new java.util.ArrayList<>();
        long second = 1_000_000_000L;
        for (int s = 0; s < 60; s++) {
            readings.add(new LiveSetReadings.Reading(s * second, (long) (10 * MIB + s * MIB / 3), "G1New", "G1 Evacuation Pause", false));
            if (s % 4 == 2) {
                long live = s < 10 ? (long) (s * 2 * MIB) : (long) (30 * MIB + (s % 8) * 1024);
                readings.add(new LiveSetReadings.Reading(s * second + 1, live, "G1Full", "System.gc()", true));
            }
        }
        LiveSetTrend trend = LiveSetTrend.of(readings, 0, 10 * second, Long.MAX_VALUE);
        assertEquals(LiveSetTrend.Verdict.NOT_GROWING, trend.verdict(), trend.toString());
        assertEquals(13, trend.readings());
        assertEquals(50, trend.youngCollections());
        assertEquals("G1Full (System.gc())", trend.collectors());
        assertEquals(15, LiveSetTrend.of(readings, 0, 0, Long.MAX_VALUE).readings(), "from the start");
    }

    @Test
    void erfcMatchesKnownValues() {
        assertEquals(1.0, LiveSetTrend.erfc(0), 1e-7);
        assertEquals(0.157299207, LiveSetTrend.erfc(1), 1e-7);
        assertEquals(0.004677735, LiveSetTrend.erfc(2), 1e-7);
        assertEquals(1.842700793, LiveSetTrend.erfc(-1), 1e-7);
    }
}
