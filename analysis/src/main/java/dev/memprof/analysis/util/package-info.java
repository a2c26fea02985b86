/**
 * Primitive collections the aggregation loops use without boxing: {@link dev.memprof.analysis.util.LongIntMap}
 * (long keys to int values) and {@link dev.memprof.analysis.util.TimeOrderedRows} (a table's row for a group and a
 * time bucket, for rows that come in time order); and {@link dev.memprof.analysis.util.JsonStrings}, JSON string
 * literals read back for the small JSON readers. Words: key, value; row, group, bucket (an equal part of time, the
 * caller's). Uses only the JDK.
 */
package dev.memprof.analysis.util;
