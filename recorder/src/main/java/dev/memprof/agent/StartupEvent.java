package dev.memprof.agent;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** When the app finished starting, by the rule memprof watched from outside. Field names are read by analysis. */
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
    @Description("The rule in words, e.g. the first output line matching 'Started .* in'")
    String description;

    @Label("Ready Time")
    @Description("Nanoseconds since the epoch when the rule fired")
    long readyEpochNanos;
}
