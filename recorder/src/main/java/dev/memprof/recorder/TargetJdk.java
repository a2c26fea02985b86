package dev.memprof.recorder;

/**
 * Which target JDKs memprof can record, decided before attaching from the version the target reports in its
 * hsperfdata (what {@code memprof ps} shows), so an old JVM is never touched for nothing.
 */
public final class TargetJdk {
    /** {@code jdk.ObjectAllocationSample}, the allocation event memprof records, came with JDK 16. */
    public static final int ATTACH_MINIMUM = 16;

    private TargetJdk() {}

    /** Fails with one line when the target's JDK is known and too old for attach; an unknown version is tried. */
    static void requireForAttach(JvmProcesses.Jvm jvm) {
        int feature = feature(jvm.javaVersion());
        if (feature >= 0 && feature < ATTACH_MINIMUM) {
            throw new RecorderException("pid " + jvm.pid() + " runs Java " + jvm.javaVersion() + "; memprof attach needs Java "
                    + ATTACH_MINIMUM + " or later (for JFR's jdk.ObjectAllocationSample)");
        }
    }

    /** The feature release of a {@code java.version}: "1.8.0_392" is 8, "11.0.2" 11, "25-ea" 25; -1 when unknown. */
    static int feature(String javaVersion) {
        String v = javaVersion == null ? "" : javaVersion.strip();
        if (v.startsWith("1.") && v.length() > 2 && Character.isDigit(v.charAt(2))) v = v.substring(2); // 1.8.0_392
        int digits = 0;
        while (digits < v.length() && digits < 9 && Character.isDigit(v.charAt(digits))) digits++;
        return digits == 0 ? -1 : Integer.parseInt(v.substring(0, digits));
    }
}
