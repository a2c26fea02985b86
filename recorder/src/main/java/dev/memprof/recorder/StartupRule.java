package dev.memprof.recorder;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/** When a launched app counts as started: after a fixed time, at its first output line matching, or when a URL answers 2xx. */
public sealed interface StartupRule {
    /** {@code time}, {@code log} or {@code http}: the rule's kind as recorded. */
    String kind();

    /** The rule as a user reads it in a report. */
    String describe();

    record AfterTime(Duration after) implements StartupRule {
        public String kind() { return "time"; }
        public String describe() { return "a fixed time: " + after.toMillis() / 1000.0 + " s after start"; }
    }

    record LogLine(Pattern regex) implements StartupRule {
        public String kind() { return "log"; }
        public String describe() { return "the first output line matching '" + regex.pattern() + "'"; }
    }

    /** Class loading settles: fewer than 1% more classes (and fewer than 3) in the last second, read from the JVM's counters. */
    record ClassLoadingSettled() implements StartupRule {
        public String kind() { return "settled"; }
        public String describe() { return "detected: class loading settled (under 1% more classes in a second)"; }
    }

    record HttpReady(URI url) implements StartupRule {
        public String kind() { return "http"; }
        public String describe() { return "the first 2xx answer from " + url; }
    }
}
