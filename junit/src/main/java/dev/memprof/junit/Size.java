package dev.memprof.junit;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size as the annotations take it, {@code "24 MiB"}: a number and a unit, {@code B}, {@code KiB}, {@code MiB},
 * {@code GiB} (powers of 1024) or {@code KB}, {@code MB}, {@code GB} (powers of 1000). Units are exact: "mb" could mean
 * megabits, so it is refused rather than guessed.
 */
final class Size {
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]+)\\s*");
    private static final Map<String, Long> UNITS = Map.of(
            "B", 1L,
            "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30,
            "KB", 1_000L, "MB", 1_000_000L, "GB", 1_000_000_000L);
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Size() {
    }

    /** The bytes {@code text} stands for; a one-line IllegalArgumentException naming {@code where} when it is not a size. */
    static long parse(String text, String where) {
        Matcher m = SIZE.matcher(text);
        Long unit = m.matches() ? UNITS.get(m.group(2)) : null;
        if (unit == null) {
            throw new IllegalArgumentException(where + "(\"" + text + "\"): not a size; write a number and one of "
                    + "B, KiB, MiB, GiB (1024-based) or KB, MB, GB (1000-based), e.g. \"24 MiB\"");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(where + "(\"" + text + "\"): too large");
        }
        return bytes.longValue();
    }

    /** {@code 31457280} as "30.0 MiB (31,457,280 bytes)": readable, and exact for comparing with the limit. */
    static String describe(long bytes) {
        return String.format(Locale.ROOT, "%s (%,d bytes)", readable(bytes), bytes);
    }

    /** {@code 31457280} as "30.0 MiB"; negative sizes keep their sign. */
    static String readable(long bytes) {
        double value = Math.abs((double) bytes);
        int unit = 0;
        while (value >= 1024 && unit < BINARY.length - 1) {
            value /= 1024;
            unit++;
        }
        String sign = bytes < 0 ? "-" : "";
        return unit == 0 ? sign + (long) value + " B" : String.format(Locale.ROOT, "%s%.1f %s", sign, value, BINARY[unit]);
    }
}
