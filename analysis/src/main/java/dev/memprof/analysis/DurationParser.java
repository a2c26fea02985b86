package dev.memprof.analysis;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them, the one grammar of every option that takes one ({@code attach --duration},
 * {@code run --startup}, {@code check --timeout}, {@code report --from/--to} offsets): hours, minutes, seconds (with
 * a fraction) and milliseconds, each optional but in that order, e.g. {@code 90s}, {@code 1m30s}, {@code 2.5s},
 * {@code 500ms}, {@code 2m}, {@code 1h}.
 */
public final class DurationParser {
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+(?:\\.\\d+)?)s)?(?:(\\d+)ms)?");

    private DurationParser() {}

    /** The duration {@code text} says (surrounding blanks ignored), or null when it is not one. */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches() || (m.group(1) == null && m.group(2) == null && m.group(3) == null && m.group(4) == null)) return null;
        try {
            // summed in seconds as a double, as report's --from/--to always did: the same text gives the same nanos
            double seconds = (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600.0)
                    + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60.0)
                    + (m.group(3) == null ? 0 : Double.parseDouble(m.group(3)))
                    + (m.group(4) == null ? 0 : Long.parseLong(m.group(4)) / 1000.0);
            return Duration.ofNanos(Math.round(seconds * 1e9));
        } catch (NumberFormatException e) {
            return null; // more digits than a long holds
        }
    }

    /** The shortest of {@code 1h}, {@code 2m}, {@code 30s}, {@code 500ms} that says {@code duration} exactly (to the ms). */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        return ms % 3_600_000 == 0 ? ms / 3_600_000 + "h" : ms % 60_000 == 0 ? ms / 60_000 + "m"
                : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
