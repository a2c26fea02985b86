/**
 * The JFR file format alone: chunk headers ({@link dev.memprof.analysis.jfr.ChunkHeaders}, the one place that knows
 * their size and magic), metadata, constant pools, and memprof's own parallel reader ({@link
 * dev.memprof.analysis.jfr.JfrFile}) that feeds an {@link dev.memprof.analysis.jfr.EventSink}; the JDK's parser is
 * wrapped in the same views ({@link dev.memprof.analysis.jfr.ConsumerObject}). Knows nothing of what an event means.
 * Words: chunk (a self-contained part of a file), header, metadata, constant pool, view (an event or constant read in
 * place), sink (who receives events and per-chunk sums), bucket (an equal part of time, as the sink divides it: the
 * timeline's, or the startup evidence's finer ones).
 */
package dev.memprof.analysis.jfr;
