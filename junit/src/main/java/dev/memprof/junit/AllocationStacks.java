package dev.memprof.junit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a test allocated, from its recording's TLAB events: each new TLAB charges its size to the allocation that
 * asked for it, and each allocation outside a TLAB its own size, so the bytes per stack are an estimate (off by about
 * one TLAB per thread), while the total the limit is checked against is exact.
 */
final class AllocationStacks {
    private static final int TOP = 3;

    private final Map<String, Long> bytesByStack = new HashMap<>();

    /** The allocations of the threads {@code counted} counts, grouped by stack. */
    AllocationStacks(List<RecordedEvent> allocations, ThreadAllocations counted) {
        for (RecordedEvent event : allocations) {
            RecordedThread thread = event.getThread("eventThread");
            if (thread == null || !counted.counts(thread.getJavaThreadId())) continue;
            long bytes = event.getEventType().getName().equals(TestRecording.IN_NEW_TLAB)
                    ? event.getLong("tlabSize") : event.getLong("allocationSize");
            bytesByStack.merge(TestRecording.stack(event.getStackTrace(), "      "), bytes, Long::sum);
        }
    }


    /** The top stacks, heaviest first: "  12.0 MiB (40%) allocated\n      at ...". */
    String top() {
        long sum = bytesByStack.values().stream().mapToLong(Long::longValue).sum();
        if (sum == 0) return "Top allocation stacks: none recorded (JFR saw no new TLAB in the test's threads)";
        List<Map.Entry<String, Long>> stacks = new ArrayList<>(bytesByStack.entrySet());
        stacks.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder text = new StringBuilder("Top allocation stacks (estimated from JFR's TLAB events):");
        for (Map.Entry<String, Long> stack : stacks.subList(0, Math.min(TOP, stacks.size()))) {
            text.append(String.format(Locale.ROOT, "%n  %s (%d%%)%n", Size.readable(stack.getValue()),
                    Math.round(100.0 * stack.getValue() / sum))).append(stack.getKey());
        }
        return text.toString();
    }
}
