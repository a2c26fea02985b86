package dev.memprof.analysis.jfr;

import java.time.Duration;
import java.time.Instant;

/** An event: its type's name, times, thread and stack (see {@code jdk.jfr.consumer.RecordedEvent}). */
public interface JfrEvent extends JfrObject {
    /** The event type's name, e.g. {@code jdk.ObjectAllocationSample} (RecordedEvent: {@code getEventType().getName()}). */
    String typeName();

    Instant getStartTime();

    Instant getEndTime();

    Duration getDuration();

    /** The {@code eventThread}, or null. */
    JfrThread getThread();

    /** Whether the event's type has settings (RecordedEvent: {@code !getEventType().getSettingDescriptors().isEmpty()}). */
    boolean typeHasSettings();

    /** The {@code stackTrace}, or null. */
    JfrStackTrace getStackTrace();
}
