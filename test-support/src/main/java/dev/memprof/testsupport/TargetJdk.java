package dev.memprof.testsupport;

import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The JDKs memprof's tests record: 17, the JDK running the tests, and 25, the JDK home named by system property
 * {@code memprof.jdk25} (the build sets it, by default to /usr/lib/jvm/temurin-25-jdk-amd64). A missing JDK 25 fails
 * the tests, so that CI never skips it silently; {@code -Dmemprof.jdk25=none} says explicitly to test on 17 alone (tests
 * that need JDK 25 are then skipped).
 */
public final class TargetJdk {
    /**
     * The JIT option of the sample JVMs tests start, unless a test is about the JVM's default JIT: C1 only. JFR's start
     * costs a JVM about 1.7 CPU-s with C2 and 0.75 with C1 only, {@code memprof run} of a 2 s sample 3.2 against 2.0,
     * and the suite starts a few hundred. What a sample allocates, retains and loads does not depend on the JIT (C1
     * even makes every object C2's escape analysis could remove). The default JIT, with C2's inlined frames, stays
     * under test in RecordAndReportIT's and ReaderEqualityIT's {@code memprof run} recordings.
     */
    public static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final String JDK25_PROPERTY = "memprof.jdk25";
    private static final String DEFAULT_JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";

    private TargetJdk() {
    }

    /** "17" and "25", or "17" alone when {@code -Dmemprof.jdk25=none}; fails when JDK 25 is asked for but missing. */
    public static Stream<String> versions() {
        if (jdk25Skipped()) return Stream.of("17");
        home("25");
        return Stream.of("17", "25");
    }

    /** True when {@code -Dmemprof.jdk25=none} says to test on JDK 17 alone. */
    private static boolean jdk25Skipped() {
        return "none".equals(System.getProperty(JDK25_PROPERTY));
    }

    /** The home of JDK {@code version} ("17" or "25"); a test asking for JDK 25 under -Dmemprof.jdk25=none is skipped. */
    public static Path home(String version) {
        return switch (version) {
            case "17" -> Path.of(System.getProperty("java.home"));
            case "25" -> jdk25();
            default -> throw new IllegalArgumentException("not a target JDK: " + version);
        };
    }

    private static Path jdk25() {
        if (jdk25Skipped()) throw new TestAbortedException("JDK 25 is not tested: -D" + JDK25_PROPERTY + "=none");
        Path home = Path.of(System.getProperty(JDK25_PROPERTY, DEFAULT_JDK25));
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalStateException("no JDK 25 at " + home + " (system property " + JDK25_PROPERTY + "): install one, "
                    + "point -D" + JDK25_PROPERTY + "=<jdk home> at it, or give -D" + JDK25_PROPERTY + "=none to test on JDK 17 alone");
        }
        return home;
    }

    /** {@code <home>/bin/java} of JDK {@code version}. */
    public static Path java(String version) {
        return home(version).resolve("bin/java");
    }
}
