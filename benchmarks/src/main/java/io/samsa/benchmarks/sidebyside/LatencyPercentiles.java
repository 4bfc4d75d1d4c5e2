package io.samsa.benchmarks.sidebyside;

import java.util.Arrays;
import java.util.Locale;

/**
 * Percentiles of a set of latencies, in microseconds.
 *
 * <p>Immutable.
 */
record LatencyPercentiles(long records, long p50Micros, long p99Micros, long maxMicros) {

    /** @param latenciesNanos one latency per record; sorted in place */
    static LatencyPercentiles of(long[] latenciesNanos) {
        if (latenciesNanos.length == 0) {
            throw new IllegalArgumentException("no latencies");
        }
        Arrays.sort(latenciesNanos);
        return new LatencyPercentiles(latenciesNanos.length, micros(percentile(latenciesNanos, 0.50)),
            micros(percentile(latenciesNanos, 0.99)), micros(latenciesNanos[latenciesNanos.length - 1]));
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))];
    }

    private static long micros(long nanos) {
        return nanos / 1_000;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d records: p50 %.2f ms, p99 %.2f ms, max %.2f ms", records, p50Micros / 1e3,
            p99Micros / 1e3, maxMicros / 1e3);
    }
}
