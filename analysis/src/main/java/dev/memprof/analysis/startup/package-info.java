/**
 * Startup and the libraries it loads that are rarely used afterwards: the evidence collected during the one pass over
 * a recording ({@link dev.memprof.analysis.startup.StartupEvidence}, {@link dev.memprof.analysis.startup.HeapFindings}),
 * judged once it is read ({@link dev.memprof.analysis.startup.DeferrableLibraries}) into a
 * {@link dev.memprof.analysis.startup.StartupReport}.
 * <p>
 * Words: <em>startup's end</em> (set by a rule, or detected); <em>library</em> (a jar, JDK module or classes folder);
 * <em>bucket</em> (an equal part of the whole recording's time in the evidence: fine buckets for heap and metaspace
 * readings, coarser ones for the sample tables; not the timeline's); <em>use period</em> (a stretch after startup of
 * a few buckets, holding about 20 samples, in {@link dev.memprof.analysis.startup.LibraryUse});
 * <em>import chain</em> (the stack that loaded most of a library's classes); <em>drives startup</em> (its code loaded
 * the app's classes or those of 3 or more libraries); <em>retained</em> (heap a library keeps alive), <em>allocated</em>
 * (garbage made during startup); <em>snapshot</em> (the heap dump read at startup's end).
 */
package dev.memprof.analysis.startup;
