package dev.memprof.recorder;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * When the recorded app finished starting, and by which rule. Written by memprof (not by the target) into a
 * chunk of its own that is appended to the recording, so the target runs no memprof code for it. Field names
 * are read by analysis.
 */
@Name("memprof.Startup")
@Label("Startup End")
@Category("memprof")
@Description("The moment the app was ready, by the rule memprof was given")
@StackTrace(false)
final class StartupEvent extends jdk.jfr.Event {
    @Label("Rule")
    @Description("time, log or http")
    String rule;

    @Label("Description")
    @Description("The rule as the user gave it, e.g. first output line matching 'Started .* in'")
    String description;

    @Label("Ready Time")
    @Description("Nanoseconds since the epoch when the rule fired")
    long readyEpochNanos;
}
