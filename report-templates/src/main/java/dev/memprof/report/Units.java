package dev.memprof.report;

import dev.memprof.analysis.startup.StartupReport;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Numbers and names as memprof prints them to a terminal. */
public final class Units {
    private Units() {}

    public static String bytes(long bytes) {
        if (bytes < 0) return "n/a";
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** {@code part} as a percentage of {@code total}; 0 when the total is. */
    static double percent(long part, long total) {
        return total == 0 ? 0 : 100.0 * part / total;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Strips control characters, so a name from a recording cannot send escape sequences to a terminal. */
    public static String printable(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    /** "OpenJDK 64-Bit Server VM (17.0.15+6) for linux-amd64 JRE (...), built on ..." -> up to " for ". */
    static String shortVersion(String jvmVersion) {
        if (jvmVersion == null) return "unknown JVM";
        int cut = jvmVersion.indexOf(" for ");
        return cut > 0 ? jvmVersion.substring(0, cut) : jvmVersion;
    }

    /** {@code static field a.B.c (12.0 MiB), com.example.Bean (1.0 MiB)}. */
    static String held(List<StartupReport.Held> held) {
        return printable(held.stream().map(h -> h.holder() + " (" + bytes(h.bytes()) + ")").collect(Collectors.joining(", ")));
    }
}
