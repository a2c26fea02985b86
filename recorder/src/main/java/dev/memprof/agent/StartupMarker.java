package dev.memprof.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts memprof's startup-end mark into the target's own recording. memprof watches the app from outside (its output,
 * its port, the clock) and, when the rule fires, writes a small file: three lines, the rule, its description and the
 * moment in epoch nanoseconds. One daemon thread looks for the file ten times a second, commits the event, and ends.
 * For {@code memprof check} it then runs a full GC, which the app would not otherwise do: memprof stops it right after.
 */
final class StartupMarker {
    private StartupMarker() {}

    /**
     * With {@code collect}, a full GC follows the mark (memprof check measures what startup retains, then stops the app);
     * {@code afterMark} runs once the mark is in the recording.
     */
    static void watch(Path file, boolean collect, Runnable afterMark) {
        Thread thread = new Thread(() -> {
            try {
                while (!Files.exists(file)) Thread.sleep(100);
                String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", 3);
                StartupEvent event = new StartupEvent();
                event.rule = lines[0];
                event.description = lines.length > 1 ? lines[1] : "";
                event.readyEpochNanos = lines.length > 2 ? Long.parseLong(lines[2].strip()) : System.currentTimeMillis() * 1_000_000L;
                event.commit();
                afterMark.run();
                if (collect) {
                    System.gc();
                    Files.writeString(file.resolveSibling(file.getFileName() + ".done"), "done\n");
                }
            } catch (Throwable ignored) {
                // never into the target: the report then detects startup's end itself
            }
        }, "memprof-startup-marker");
        thread.setDaemon(true);
        thread.start();
    }
}
