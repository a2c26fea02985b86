package dev.memprof.analysis;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeRangeTest {
    static final ZoneOffset ZONE = ZoneOffset.ofHours(2);
    static final long S = 1_000_000_000L;
    // a recording from 23:59:00 local time, 5 minutes long: it runs past midnight
    static final long START = LocalDateTime.of(2026, 3, 1, 23, 59).toEpochSecond(ZONE) * S;

    static TimeRange.Window window(String from, String to) {
        return TimeRange.parse(from, to).resolve(START, 300 * S, ZONE);
    }

    @Test
    void offsets() {
        assertEquals(START + 90 * S, window("1m30s", null).fromEpochNanos());
        assertEquals(START + 90 * S, window("90s", null).fromEpochNanos());
        assertEquals(START + 2_500_000_000L, window("2.5s", null).fromEpochNanos());
        assertEquals(START + 500_000_000L, window("500ms", null).fromEpochNanos());
        assertEquals(START + 3 * S, window("3", null).fromEpochNanos());
        assertEquals(START + 60 * S, window(null, "1m").toEpochNanos());
        assertEquals(Long.MIN_VALUE, window(null, "1m").fromEpochNanos(), "an open start");
        assertTrue(TimeRange.parse(null, " ").isWhole());
        assertTrue(window(null, null).whole());
    }

    @Test
    void clockTimesInTheZoneAndPastMidnight() {
        assertEquals(START + 30 * S, window("23:59:30", null).fromEpochNanos());
        assertEquals(START + 90 * S + 250_000_000L, window("00:00:30.250", null).fromEpochNanos(), "the next day");
        assertEquals(START + 120 * S, window(null, "00:01").toEpochNanos());
    }

    @Test
    void bucketsOfAWindow() {
        Timeline timeline = new Timeline(START, 200 * S); // 1 s buckets
        TimeRange.Window w = TimeRange.parse("10s", "20s").resolve(START, 200 * S, ZONE);
        assertEquals(10, w.firstBucket(timeline));
        assertEquals(19, w.lastBucket(timeline));
        TimeRange.Window whole = TimeRange.WHOLE.resolve(START, 200 * S, ZONE);
        assertEquals(0, whole.firstBucket(timeline));
        assertEquals(199, whole.lastBucket(timeline));
    }

    @Test
    void mistakesSayWhat() {
        assertEquals("--from 1x: expected an offset like 90s, 1m30s, 2.5s, 500ms or a clock time like 12:01:30",
                assertThrows(IllegalArgumentException.class, () -> TimeRange.parse("1x", null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TimeRange.parse(null, "25:00")).getMessage()
                .startsWith("--to 25:00: a clock time is"));
        assertEquals("--from 2m is not before --to 1m", assertThrows(IllegalArgumentException.class, () -> window("2m", "1m")).getMessage());
        assertEquals("the time range 10m – end is outside the recording (23:59:00.000 to 00:04:00.000, 300000 ms)",
                assertThrows(IllegalArgumentException.class, () -> window("10m", null)).getMessage());
        // clock times to the millisecond, whatever the recording's nanoseconds
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TimeRange.parse("10m", null).resolve(START + 123_456_789, 300 * S, ZONE)).getMessage()
                .contains("(23:59:00.123 to 00:04:00.123, 300000 ms)"));
    }
}
