package dev.memprof.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * memprof's recording settings (recorder's {@code memprof.jfc}) changed so that a small recording holds many events of
 * many types: the allocation sampler at 1000/ms, the TLAB events on with stacks, and no search for paths to GC roots.
 * Made from memprof.jfc each time, so a change there reaches the tests (JfrFileTest) and the benchmark's recordings.
 * Uses only the JDK: {@code java test-support/src/main/java/dev/memprof/testsupport/ManyEventsSettings.java
 * recorder/src/main/resources/dev/memprof/recorder/memprof.jfc <out.jfc>} writes the file for bench/.
 */
public final class ManyEventsSettings {
    private static final String[][] CHANGES = {
            {"<setting name=\"throttle\">1000/s</setting>", "<setting name=\"throttle\">1000/ms</setting>"},
            {"<event name=\"jdk.ObjectAllocationInNewTLAB\">\n    <setting name=\"enabled\">false</setting>",
                    "<event name=\"jdk.ObjectAllocationInNewTLAB\">\n    <setting name=\"enabled\">true</setting>"
                            + "<setting name=\"stackTrace\">true</setting>"},
            {"<event name=\"jdk.ObjectAllocationOutsideTLAB\">\n    <setting name=\"enabled\">false</setting>",
                    "<event name=\"jdk.ObjectAllocationOutsideTLAB\">\n    <setting name=\"enabled\">true</setting>"
                            + "<setting name=\"stackTrace\">true</setting>"},
            {"<setting name=\"cutoff\">1 s</setting>", "<setting name=\"cutoff\">0 ns</setting>"},
    };

    private ManyEventsSettings() {
    }

    /** memprof.jfc's text with the changes above; fails when memprof.jfc no longer holds a setting to change. */
    public static String from(String memprofJfc) {
        String settings = memprofJfc;
        for (String[] change : CHANGES) {
            if (settings.indexOf(change[0]) < 0 || settings.indexOf(change[0]) != settings.lastIndexOf(change[0])) {
                throw new IllegalStateException("memprof.jfc no longer holds exactly one " + change[0]
                        + ": update ManyEventsSettings");
            }
            settings = settings.replace(change[0], change[1]);
        }
        return settings;
    }

    /** Writes the settings, made from the copy of memprof.jfc this module is built with, to {@code file}. */
    public static Path write(Path file) throws IOException {
        try (InputStream in = ManyEventsSettings.class.getResourceAsStream("memprof.jfc")) {
            if (in == null) throw new IllegalStateException("memprof.jfc is not on the class path of memprof-test-support");
            Files.writeString(file, from(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        return file;
    }

    /** {@code <memprof.jfc> <out.jfc>}: writes the settings made from the given memprof.jfc. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java ManyEventsSettings.java <memprof.jfc> <out.jfc>");
            System.exit(2);
        }
        Files.writeString(Path.of(args[1]), from(Files.readString(Path.of(args[0]))));
    }
}
