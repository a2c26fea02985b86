package dev.memprof.analysis.live;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the live set grew over a span of the recording, and how sure that is, in the spirit of JDK Mission Control's
 * "increasing live set" rule but with a significance test instead of a score.
 * <p>
 * Points: the heap used after each collection that looked at the whole heap ({@link LiveSetReadings}: full GCs, the
 * end of G1's mixed phases, ZGC's and Shenandoah's cycles), from startup's end plus a warm-up on; heap after a young
 * collection is not the live set and is never used. Rate: the Theil-Sen slope (median of the slopes between all pairs
 * of points; one odd GC cannot move it), with its 95% confidence interval. Significance: the Mann-Kendall test for an
 * upward trend (p-value, one-sided). The verdict is {@link Verdict#GROWING} only with at least {@value #MIN_READINGS}
 * readings over at least {@value #MIN_SPAN_SECONDS} s, p below {@value #MAX_P_VALUE}, and growth over the span of at
 * least 1 MiB and {@value #MIN_GROWTH_PERCENT}% of the median live set; below the minimum data it is
 * {@link Verdict#UNKNOWN}.
 *
 * @param bytesPerMinute     the Theil-Sen slope; 0 when unknown
 * @param lowBytesPerMinute  lower end of the slope's 95% confidence interval
 * @param highBytesPerMinute upper end of the slope's 95% confidence interval
 * @param pValue             chance of an upward trend this strong with no trend at all; 1 when unknown
 * @param readings           the points: whole-heap collections in the span
 * @param spanNanos          from the first to the last point
 * @param medianBytes        median live set over the points, -1 when none
 * @param fromOffsetNanos    where the span looked at begins, from the recording's start
 * @param youngCollections   collections in that span that did not look at the whole heap (not used)
 * @param collectors         the collectors of the points and their causes, e.g. {@code G1Full (System.gc())}; empty when none
 */
public record LiveSetTrend(Verdict verdict, double bytesPerMinute, double lowBytesPerMinute, double highBytesPerMinute,
                           double pValue, int readings, long spanNanos, long medianBytes, long fromOffsetNanos,
                           int youngCollections, String collectors) {
    public enum Verdict { GROWING, NOT_GROWING, UNKNOWN }

    static final int MIN_READINGS = 6, MIN_SPAN_SECONDS = 10, MIN_GROWTH_PERCENT = 5;
    static final double MAX_P_VALUE = 0.01;
    /** More points than this are thinned to the lowest in each of as many equal slices of time (pairs grow as n²). */
    static final int MAX_POINTS = 400;
    private static final long MIN_GROWTH_BYTES = 1 << 20;
    private static final double Z_95 = 1.959964;

    /** The trend of the whole-heap ones of {@code readings} from {@code fromEpochNanos} to {@code toEpochNanos}. */
    public static LiveSetTrend of(List<LiveSetReadings.Reading> readings, long recordingStart, long fromEpochNanos, long toEpochNanos) {
        List<LiveSetReadings.Reading> span = readings.stream()
                .filter(r -> r.epochNanos() >= fromEpochNanos && r.epochNanos() < toEpochNanos).toList();
        List<LiveSetReadings.Reading> in = thinned(span.stream().filter(LiveSetReadings.Reading::wholeHeap).toList());
        int youngCollections = (int) span.stream().filter(r -> !r.wholeHeap()).count();
        double[] minutes = new double[in.size()], bytes = new double[in.size()];
        Set<String> collectors = new TreeSet<>();
        for (int i = 0; i < in.size(); i++) {
            minutes[i] = (in.get(i).epochNanos() - recordingStart) / 60e9;
            bytes[i] = in.get(i).heapUsed();
            collectors.add(in.get(i).collector() + " (" + in.get(i).cause() + ")");
        }
        LiveSetTrend trend = of(minutes, bytes);
        return new LiveSetTrend(trend.verdict, trend.bytesPerMinute, trend.lowBytesPerMinute, trend.highBytesPerMinute,
                trend.pValue, trend.readings, trend.spanNanos, trend.medianBytes, Math.max(0, fromEpochNanos - recordingStart),
                youngCollections, String.join(", ", collectors));
    }

    private static List<LiveSetReadings.Reading> thinned(List<LiveSetReadings.Reading> readings) {
        if (readings.size() <= MAX_POINTS) return readings;
        long first = readings.get(0).epochNanos(), span = readings.get(readings.size() - 1).epochNanos() - first + 1;
        LiveSetReadings.Reading[] lowest = new LiveSetReadings.Reading[MAX_POINTS];
        for (LiveSetReadings.Reading r : readings) {
            int slice = (int) ((r.epochNanos() - first) * MAX_POINTS / span);
            if (lowest[slice] == null || r.heapUsed() < lowest[slice].heapUsed()) lowest[slice] = r;
        }
        return Arrays.stream(lowest).filter(Objects::nonNull).toList();
    }

    /** The trend of readings {@code bytes} taken at {@code minutes} (ascending). */
    static LiveSetTrend of(double[] minutes, double[] bytes) {
        int n = minutes.length;
        long median = n == 0 ? -1 : (long) median(bytes.clone(), n);
        long span = n == 0 ? 0 : (long) ((minutes[n - 1] - minutes[0]) * 60e9);
        if (n < 2) return new LiveSetTrend(Verdict.UNKNOWN, 0, 0, 0, 1, n, span, median, 0, 0, "");

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
        return new LiveSetTrend(verdict, slope, low, high, pValue, n, span, median, 0, 0, "");
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
