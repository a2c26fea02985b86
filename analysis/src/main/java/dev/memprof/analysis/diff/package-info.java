/**
 * {@code memprof diff}: two recordings compared stack by stack. Owns the merged stack tree of a base and a new
 * recording ({@link dev.memprof.analysis.diff.DiffTree}), how their values are made comparable
 * ({@link dev.memprof.analysis.diff.Normalization}: per second of recording, or shares), and what changed most by
 * allocation site and by library ({@link dev.memprof.analysis.diff.RecordingDiff}). Words: <em>base</em> and
 * <em>new</em> are the two recordings; a <em>site</em> is a stack's first frame, from the allocation up, that is not
 * the JDK's.
 */
package dev.memprof.analysis.diff;
