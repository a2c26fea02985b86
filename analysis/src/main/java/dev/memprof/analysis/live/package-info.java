/**
 * What stays alive: sampled objects still alive at the recording's end and what holds them ({@link
 * dev.memprof.analysis.live.LiveObjects}, read from {@code jdk.OldObjectSample} by {@link
 * dev.memprof.analysis.live.OldObjectSamples} or from async-profiler's live objects), and whether the live set grew
 * ({@link dev.memprof.analysis.live.LiveSetReadings}, {@link dev.memprof.analysis.live.LiveSetTrend}).
 * <p>
 * Words: <em>live object</em> (a sampled object alive at the end); <em>holder</em> (what keeps it alive: a GC root's
 * description, e.g. a static field); <em>live set</em> (heap used after a collection that looked at the whole heap;
 * never heap after a young collection); <em>reading</em> (one such number); <em>trend</em> (the live set's slope and
 * how sure it is).
 */
package dev.memprof.analysis.live;
