package dev.memprof.analysis;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * A part of a recording to report on, as the user wrote it: each end an offset from the recording's start (a
 * {@link DurationParser} duration: {@code 90s}, {@code 1m30s}, {@code 1h}, {@code 2.5s}, {@code 500ms}; or plain seconds)
 * or a wall-clock time in the local time zone ({@code 12:01:30}, {@code 12:01:30.250}); a missing end is the recording's
 * start or end.
 */
public final class TimeRange {
    /** The whole recording. */
    public static final TimeRange WHOLE = new TimeRange(null, null, null, null);

    /** Resolved: allocations at times in [{@code fromEpochNanos}, {@code toEpochNanos}) count. */
    public record Window(long fromEpochNanos, long toEpochNanos, boolean whole) {
        public boolean contains(long epochNanos) {
            return epochNanos >= fromEpochNanos && epochNanos < toEpochNanos;
        }

        /** The timeline buckets the window touches, first and last. */
        public int firstBucket(Timeline timeline) {
            return fromEpochNanos == Long.MIN_VALUE ? 0 : timeline.bucket(fromEpochNanos);
        }

        public int lastBucket(Timeline timeline) {
            return toEpochNanos == Long.MAX_VALUE ? timeline.buckets() - 1 : timeline.bucket(Math.max(fromEpochNanos, toEpochNanos - 1));
        }
    }

    private final String fromText, toText;
    /** Clock times in messages: to the millisecond, as the durations beside them. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final Object from, to; // Long offset in nanos, or LocalTime

    private TimeRange(String fromText, String toText, Object from, Object to) {
        this.fromText = fromText;
        this.toText = toText;
        this.from = from;
        this.to = to;
    }

    /** Either end may be null; throws IllegalArgumentException with a message for the user. */
    public static TimeRange parse(String from, String to) {
        if (blank(from) && blank(to)) return WHOLE;
        return new TimeRange(from, to, blank(from) ? null : point(from, "--from"), blank(to) ? null : point(to, "--to"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Object point(String text, String option) {
        String t = text.trim();
        if (t.contains(":")) {
            try {
                return LocalTime.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " " + text + ": a clock time is HH:MM[:SS[.fff]]");
            }
        }
        Duration offset = DurationParser.parse(t);
        if (offset != null) return offset.toNanos();
        if (t.matches("\\d+(\\.\\d+)?")) return Math.round(Double.parseDouble(t) * 1e9); // plain seconds
        throw new IllegalArgumentException(option + " " + text + ": expected an offset like 90s, 1m30s, 2.5s, 500ms"
                + " or a clock time like 12:01:30");
    }

    public boolean isWhole() {
        return from == null && to == null;
    }

    /** This range in a recording of {@code durationNanos} from {@code startEpochNanos}; clock times in {@code zone}. */
    public Window resolve(long startEpochNanos, long durationNanos, ZoneId zone) {
        long end = startEpochNanos + durationNanos;
        if (isWhole()) return new Window(Long.MIN_VALUE, Long.MAX_VALUE, true);
        long fromNanos = from == null ? Long.MIN_VALUE : epochNanos(from, startEpochNanos, end, zone);
        long toNanos = to == null ? Long.MAX_VALUE : epochNanos(to, startEpochNanos, end, zone);
        if (fromNanos >= toNanos) {
            throw new IllegalArgumentException("--from " + fromText + " is not before --to " + toText);
        }
        if (fromNanos >= end || toNanos <= startEpochNanos) {
            throw new IllegalArgumentException("the time range " + describe() + " is outside the recording ("
                    + CLOCK.format(Instant.ofEpochSecond(0, startEpochNanos).atZone(zone)) + " to "
                    + CLOCK.format(Instant.ofEpochSecond(0, end).atZone(zone)) + ", " + durationNanos / 1_000_000 + " ms)");
        }
        return new Window(fromNanos, toNanos, false);
    }

    private static long epochNanos(Object point, long start, long end, ZoneId zone) {
        if (point instanceof Long offset) return start + offset;
        ZonedDateTime startTime = Instant.ofEpochSecond(0, start).atZone(zone);
        ZonedDateTime at = startTime.with((LocalTime) point);
        // a recording that runs past midnight: a time before the start means the next day
        if (at.isBefore(startTime) && nanos(at.plusDays(1)) <= end) at = at.plusDays(1);
        return nanos(at);
    }

    private static long nanos(ZonedDateTime time) {
        Instant i = time.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** As the user wrote it, e.g. {@code 10s – 1m}. */
    public String describe() {
        return (fromText == null ? "start" : fromText.trim()) + " – " + (toText == null ? "end" : toText.trim());
    }
}
