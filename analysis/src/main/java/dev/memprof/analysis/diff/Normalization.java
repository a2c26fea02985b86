package dev.memprof.analysis.diff;

/**
 * How the two recordings' numbers are made comparable: recordings of different lengths allocate different totals, so
 * raw bytes would say everything grew in the longer one.
 */
public enum Normalization {
    /** Bytes per second of recording: what the allocation rate did. */
    PER_SECOND,
    /** Percent of the recording's total: what the mix did, whatever the load. */
    SHARES;

    /** The factor that turns a recording's raw values into normalised ones. */
    double factor(double total, long durationNanos) {
        if (this == SHARES) return total > 0 ? 100 / total : 0;
        return durationNanos > 0 ? 1e9 / durationNanos : 0;
    }
}
