package dev.memprof.recorder;

import sun.tools.attach.HotSpotVirtualMachine;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many frames a recorded stack keeps (JFR's {@code stackdepth}; JFR's default is 64). Measured on the Spring Boot
 * sample under HTTP load (bench/StackDepths.java, recorded at 2048): allocation stacks median 65 frames, 99th
 * percentile 189, deepest 241; 7% were deeper than 128, so at 128 their outer frames were lost. {@value #FRAMES} keeps
 * such stacks whole with room for deeper frameworks. A deeper limit costs only where stacks are deep (JFR walks the
 * frames there are), plus a buffer of {@value #FRAMES} frames per thread that records a stack (C heap, a few tens of
 * KiB).
 */
final class StackDepth {
    static final int FRAMES = 1024;
    private static final Pattern REPOSITORY = Pattern.compile("(?m)^Repository path: (.*)$");
    private static final Pattern DEPTH = Pattern.compile("(?m)^Stack depth: (\\d+)$");

    private StackDepth() {
    }

    /** For {@code memprof run}: set before the JVM starts, so every thread's buffer has the depth. */
    static String launchOption() {
        return "-XX:FlightRecorderOptions=stackdepth=" + FRAMES;
    }

    /**
     * For {@code memprof attach}, before its recording starts: raises the target's stack depth to {@value #FRAMES} when
     * JFR has never run in it. Once JFR has run, threads keep frame buffers of the old depth: JDK 25 then ignores a new
     * depth, and JDK 17 takes it and corrupts its memory (measured: {@code malloc(): invalid next size}, the target
     * aborts). JFR has run once it made its repository ({@code JFR.configure} then shows its path, not N/A).
     *
     * @return empty when stacks will keep {@value #FRAMES} frames or more, else why they will be cut and where
     */
    static Optional<String> configure(HotSpotVirtualMachine vm) {
        try {
            String current = AttachedRecording.jcmd(vm, "JFR.configure");
            Matcher repository = REPOSITORY.matcher(current), depth = DEPTH.matcher(current);
            if (!depth.find()) return Optional.of(cut("its JFR does not say its stack depth"));
            int frames = Integer.parseInt(depth.group(1));
            if (frames >= FRAMES) return Optional.empty();
            if (!repository.find() || !repository.group(1).strip().equals("N/A")) {
                return Optional.of(cut("its JFR has run before, and its stack depth (" + frames
                        + " frames) can only be raised before that"));
            }
            Matcher raised = DEPTH.matcher(AttachedRecording.jcmd(vm, "JFR.configure stackdepth=" + FRAMES));
            if (raised.find() && Integer.parseInt(raised.group(1)) == FRAMES) return Optional.empty();
            return Optional.of(cut("its JFR did not take stackdepth=" + FRAMES));
        } catch (IOException | RuntimeException e) {
            return Optional.of(cut("JFR.configure failed: " + AttachedRecording.oneLine(e)));
        }
    }

    private static String cut(String why) {
        return "stacks deeper than the target's JFR stack depth lose their outer frames: " + why
                + "; for whole stacks start it with " + launchOption();
    }
}
