/**
 * The model a report is made from ({@link dev.memprof.analysis.Profile}: interned names in
 * {@link dev.memprof.analysis.StringTable}s, frames, stacks as a {@link dev.memprof.analysis.CallTree}, allocations in
 * columns, the heap {@link dev.memprof.analysis.Timeline}, native memory) and the one streaming pass that reads it from
 * a recording: {@link dev.memprof.analysis.ProfileReader} (the file), {@link dev.memprof.analysis.RecordingEvents} (what
 * each event type means), {@link dev.memprof.analysis.RecordingNames} (names and per-chunk caches), {@link
 * dev.memprof.analysis.AllocationSamples} and {@link dev.memprof.analysis.FirstSamples} (allocation samples, and the
 * first-sample correction for threads that ran before the recording).
 * <p>
 * Below: {@code jfr} (the file format alone), {@code startup} (deferrable libraries), {@code live} (live objects and the
 * live-set trend), {@code baseline} ({@code memprof check}), {@code heap} (heap dumps), {@code util} (primitive maps).
 * <p>
 * Words: <em>sample</em> (one allocation event; its weight is bytes); <em>frame</em>, <em>stack node</em> (a node of a
 * call tree); <em>library</em> (jar, JDK module or classes folder); <em>bucket</em> (an equal part of the recording's
 * time: the timeline's, which the allocation table and rate use too, or the startup evidence's finer ones, see
 * {@code startup}); <em>window</em> (only the --from/--to part of the recording that was read, {@link
 * dev.memprof.analysis.TimeRange.Window}).
 */
package dev.memprof.analysis;
