import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How deep are a recording's stacks, and how many are there? Per event type with a stack: events, distinct stacks
 * (by their frames' methods, lines and bytecode indexes; all types together on the last line), how many stacks JFR truncated (at
 * -XX:FlightRecorderOptions=stackdepth), the median, 99th percentile and deepest stack, and how many are deeper than
 * 64, 128, 256, 512 and 1024 frames. Record with a large stackdepth (e.g. 2048) to see the true depths:
 * {@code java bench/StackDepths.java <file.jfr>}
 */
public class StackDepths {
    static final int[] LIMITS = {64, 128, 256, 512, 1024};

    public static void main(String[] args) throws Exception {
        Map<String, int[]> depthsByType = new TreeMap<>(); // histogram: depth -> events
        Map<String, Integer> truncated = new TreeMap<>();
        Map<String, Set<Long>> distinct = new HashMap<>(); // a stack's 64-bit hash: collisions are too rare to matter
        Set<Long> allDistinct = new HashSet<>();
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null) continue;
                String type = event.getEventType().getName();
                int[] histogram = depthsByType.computeIfAbsent(type, t -> new int[4097]);
                histogram[Math.min(stack.getFrames().size(), 4096)]++;
                if (stack.isTruncated()) truncated.merge(type, 1, Integer::sum);
                long hash = 0;
                for (var frame : stack.getFrames()) {
                    hash = hash * 31 + frame.getMethod().getType().getName().hashCode();
                    hash = hash * 31 + frame.getMethod().getName().hashCode();
                    hash = hash * 31 + frame.getMethod().getDescriptor().hashCode();
                    hash = hash * 1_000_003 + frame.getLineNumber() * 65_537L + frame.getBytecodeIndex();
                }
                distinct.computeIfAbsent(type, t -> new HashSet<>()).add(hash);
                allDistinct.add(hash);
            }
        }
        System.out.printf("%-32s %8s %8s %9s %6s %6s %6s", "EVENT", "EVENTS", "STACKS", "TRUNCATED", "P50", "P99", "MAX");
        for (int limit : LIMITS) System.out.printf(" %7s", ">" + limit);
        System.out.println();
        depthsByType.forEach((type, histogram) -> {
            long events = 0;
            for (int n : histogram) events += n;
            System.out.printf("%-32s %8d %8d %9d %6d %6d %6d", type, events, distinct.get(type).size(), truncated.getOrDefault(type, 0),
                    percentile(histogram, events, 0.5), percentile(histogram, events, 0.99), percentile(histogram, events, 1));
            for (int limit : LIMITS) {
                long deeper = 0;
                for (int d = limit + 1; d < histogram.length; d++) deeper += histogram[d];
                System.out.printf(" %6.2f%%", 100.0 * deeper / events);
            }
            System.out.println();
        });
        System.out.printf("%-32s %8s %8d%n", "all", "", allDistinct.size());
    }

    private static int percentile(int[] histogram, long events, double p) {
        long seen = 0;
        int last = 0;
        for (int d = 0; d < histogram.length; d++) {
            if (histogram[d] == 0) continue;
            seen += histogram[d];
            last = d;
            if (seen >= Math.ceil(p * events)) return d;
        }
        return last;
    }
}
