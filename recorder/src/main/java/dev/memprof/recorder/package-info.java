/**
 * Starting and stopping recordings in a target JVM: launched ({@link dev.memprof.recorder.LaunchedRecording}, memprof
 * run) or attached to ({@link dev.memprof.recorder.AttachedRecording}), with JFR or async-profiler; the files handed
 * to a target ({@link dev.memprof.recorder.TargetFolder}: private, never reused); startup's end
 * ({@link dev.memprof.recorder.StartupRule}, {@link dev.memprof.recorder.StartupWatch}); heap dumps.
 * <p>
 * Words: <em>target</em> (the JVM recorded); <em>engine</em> (JFR or async-profiler); <em>startup rule</em> (what says
 * startup is over); <em>part</em> (a recording still being written, {@code .part}).
 */
package dev.memprof.recorder;
