package dev.memprof.analysis;

import java.util.Arrays;

/**
 * Whether the live set (heap used after GC) grew over a span of the recording, and how sure that is, in the spirit
 * of JDK Mission Control's "increasing live set" rule but with a significance test instead of a score.
 * <p>
 * Points: the lowest heap used after a GC in each {@link Timeline} bucket (so a long recording gives the lower
 * envelope: objects that survive every GC). Rate: the Theil-Sen slope (median of the slopes between all pairs of
 * points; one odd GC cannot move it), with its 95% confidence interval. Significance: the Mann-Kendall test for an
 * upward trend (p-value, one-sided). The verdict is {@link Verdict#GROWING} only with at least {@value #MIN_READINGS}
 * readings over at least {@value #MIN_SPAN_SECONDS} s, p below {@value #MAX_P_VALUE}, and growth over the span of at
 * least 1 MiB and {@value #MIN_GROWTH_PERCENT}% of the median live set; below the minimum data it is
 * {@link Verdict#UNKNOWN}. A live set that fills once at start-up also grows: exclude warm-up with a time range.
 *
 * @param bytesPerMinute     the Theil-Sen slope; 0 when unknown
 * @param lowBytesPerMinute  lower end of the slope's 95% confidence interval
 * @param highBytesPerMinute upper end of the slope's 95% confidence interval
 * @param pValue             chance of an upward trend this strong with no trend at all; 1 when unknown
 * @param readings           the points (buckets with a GC)
 * @param spanNanos          from the first to the last point
 * @param medianBytes        median heap used after GC over the points, -1 when none
 */
public record LiveSetTrend(Verdict verdict, double bytesPerMinute, double lowBytesPerMinute, double highBytesPerMinute,
                           double pValue, int readings, long spanNanos, long medianBytes) {
    public enum Verdict { GROWING, NOT_GROWING, UNKNOWN }

    static final int MIN_READINGS = 6, MIN_SPAN_SECONDS = 10, MIN_GROWTH_PERCENT = 5;
    static final double MAX_P_VALUE = 0.01;
    private static final long MIN_GROWTH_BYTES = 1 << 20;
    private static final double Z_95 = 1.959964;

    /** The trend over the buckets {@code fromBucket..toBucket} (inclusive) of a timeline. */
    public static LiveSetTrend of(Timeline timeline, int fromBucket, int toBucket) {
        int n = 0;
        double[] time = new double[timeline.buckets()], bytes = new double[timeline.buckets()];
        for (int b = Math.max(0, fromBucket); b <= Math.min(timeline.buckets() - 1, toBucket); b++) {
            if (timeline.heapAfterGcMin(b) < 0) continue;
            time[n] = (b + 0.5) * timeline.bucketNanos() / 60e9; // minutes
            bytes[n++] = timeline.heapAfterGcMin(b);
        }
        return of(Arrays.copyOf(time, n), Arrays.copyOf(bytes, n));
    }

    /** The trend of readings {@code bytes} taken at {@code minutes} (ascending). */
    static LiveSetTrend of(double[] minutes, double[] bytes) {
        int n = minutes.length;
        long median = n == 0 ? -1 : (long) median(bytes.clone(), n);
        long span = n == 0 ? 0 : (long) ((minutes[n - 1] - minutes[0]) * 60e9);
        if (n < 2) return new LiveSetTrend(Verdict.UNKNOWN, 0, 0, 0, 1, n, span, median);

        double[] slopes = new double[n * (n - 1) / 2];
        int pairs = 0;
        long s = 0; // Mann-Kendall: later-and-higher pairs minus later-and-lower pairs
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += Long.signum(Double.compare(bytes[j], bytes[i]));
                if (minutes[j] > minutes[i]) slopes[pairs++] = (bytes[j] - bytes[i]) / (minutes[j] - minutes[i]);
            }
        }
        Arrays.sort(slopes, 0, pairs);
        double slope = pairs == 0 ? 0 : median(slopes, pairs);
        double varianceOfS = n * (n - 1.0) * (2 * n + 5) / 18;
        double z = s > 0 ? (s - 1) / Math.sqrt(varianceOfS) : s < 0 ? (s + 1) / Math.sqrt(varianceOfS) : 0;
        double pValue = 0.5 * erfc(z / Math.sqrt(2));
        // the slopes' ranks that bound the 95% interval (Sen 1968)
        double c = Z_95 * Math.sqrt(varianceOfS);
        int lowRank = (int) Math.max(0, Math.round((pairs - c) / 2) - 1);
        int highRank = (int) Math.min(pairs - 1, Math.round((pairs + c) / 2));
        double low = pairs == 0 ? 0 : slopes[lowRank], high = pairs == 0 ? 0 : slopes[highRank];

        Verdict verdict;
        double growth = slope * (minutes[n - 1] - minutes[0]);
        if (n < MIN_READINGS || span < MIN_SPAN_SECONDS * 1_000_000_000L) {
            verdict = Verdict.UNKNOWN;
        } else if (pValue < MAX_P_VALUE && growth >= MIN_GROWTH_BYTES && growth >= median * MIN_GROWTH_PERCENT / 100.0) {
            verdict = Verdict.GROWING;
        } else {
            verdict = Verdict.NOT_GROWING;
        }
        return new LiveSetTrend(verdict, slope, low, high, pValue, n, span, median);
    }

    private static double median(double[] values, int n) {
        Arrays.sort(values, 0, n);
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** Complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7). */
    static double erfc(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double y = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : 2 - y;
    }
}
