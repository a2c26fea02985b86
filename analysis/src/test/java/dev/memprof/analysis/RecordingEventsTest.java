package dev.memprof.analysis;

import dev.memprof.analysis.startup.StartupEvidence;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which event types the reader asks the parser for: those it registers a meaning for, and of async-profiler's
 * allocation and setting events only async-profiler's (its types have no settings; the JDK's TLAB events would count
 * the same allocations twice beside jdk.ObjectAllocationSample).
 */
class RecordingEventsTest {
    private final RecordingEvents events = events();

    private static RecordingEvents events() {
        long start = 1_700_000_000_000_000_000L, duration = 10_000_000_000L;
        StartupEvidence evidence = new StartupEvidence(start, duration);
        CallTree tree = new CallTree();
        return new RecordingEvents(new RecordingNames(tree, evidence.stacks()), new Timeline(start, duration), evidence,
                TimeRange.WHOLE.resolve(start, duration, ZoneOffset.UTC));
    }

    @Test
    void wantsTheJdksEventsItReads() {
        for (String type : new String[]{"jdk.ObjectAllocationSample", "jdk.OldObjectSample", "jdk.GCHeapSummary",
                "jdk.GarbageCollection", "jdk.ClassLoad", "jdk.JVMInformation", "jdk.ExecutionSample"}) {
            assertTrue(events.wants(type, true), type);
        }
        assertTrue(events.wants("memprof.Startup", true));
        assertTrue(events.wants("memprof.HeapClass", true));
    }

    @Test
    void wantsAsyncProfilersAllocationEventsButNotTheJdksOfTheSameType() {
        for (String type : new String[]{"jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB", "jdk.ActiveSetting"}) {
            assertTrue(events.wants(type, false), type + " from async-profiler");
            assertFalse(events.wants(type, true), type + " from the JDK");
        }
        assertTrue(events.wants("profiler.Malloc", false));
        assertTrue(events.wants("jdk.GCHeapSummary", false), "async-profiler's heap readings, used when the JVM's are missing");
    }

    @Test
    void skipsTypesItDoesNotRead() {
        assertFalse(events.wants("jdk.CPULoad", true));
        assertFalse(events.wants("jdk.ThreadPark", true));
        assertFalse(events.wants("profiler.Unknown", false));
    }
}
