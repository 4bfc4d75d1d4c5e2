package io.samsa.client.producer.internals;

import io.samsa.protocol.util.Time;

/**
 * Values recorded over a sliding window, as Kafka's sampled stats: two samples of
 * {@code sampleMs} each, the older dropped when a third would start. Reads give the rate per second,
 * the average and the maximum over the live samples, and the all-time total count.
 *
 * <p>Thread-safe (synchronized); recording is cheap.
 */
public final class WindowedStat {
    private final Time time;
    private final long sampleMs;
    private final long[] startMs = new long[2];
    private final long[] counts = new long[2];
    private final double[] sums = new double[2];
    private final double[] maxes = new double[2];
    private final long createdMs;
    private int current;
    private long totalCount;
    private double totalSum;

    public WindowedStat(Time time, long sampleMs) {
        this.time = time;
        this.sampleMs = sampleMs;
        this.createdMs = time.milliseconds();
        startMs[0] = createdMs;
        startMs[1] = createdMs - sampleMs;
        maxes[0] = Double.NaN;
        maxes[1] = Double.NaN;
    }

    public synchronized void record(double value) {
        roll(time.milliseconds());
        counts[current]++;
        sums[current] += value;
        maxes[current] = Double.isNaN(maxes[current]) ? value : Math.max(maxes[current], value);
        totalCount++;
        totalSum += value;
    }

    private void roll(long nowMs) {
        if (nowMs - startMs[current] >= sampleMs) {
            current = 1 - current;
            startMs[current] = nowMs;
            counts[current] = 0;
            sums[current] = 0;
            maxes[current] = Double.NaN;
        }
        // a sample older than the window counts for nothing
        int other = 1 - current;
        if (nowMs - startMs[other] >= 2 * sampleMs) {
            counts[other] = 0;
            sums[other] = 0;
            maxes[other] = Double.NaN;
        }
    }

    /** Sum of recorded values per second over the window. */
    public synchronized double ratePerSecond() {
        long nowMs = time.milliseconds();
        roll(nowMs);
        long oldestMs = Math.max(createdMs, Math.min(startMs[0], startMs[1]));
        double elapsedMs = Math.max(nowMs - oldestMs, sampleMs);
        return (sums[0] + sums[1]) * 1000.0 / elapsedMs;
    }

    /** Average of the values in the window, NaN when none. */
    public synchronized double average() {
        roll(time.milliseconds());
        long count = counts[0] + counts[1];
        return count == 0 ? Double.NaN : (sums[0] + sums[1]) / count;
    }

    /** Largest value in the window, NaN when none. */
    public synchronized double max() {
        roll(time.milliseconds());
        if (Double.isNaN(maxes[0])) {
            return maxes[1];
        }
        return Double.isNaN(maxes[1]) ? maxes[0] : Math.max(maxes[0], maxes[1]);
    }

    /** Sum of every value ever recorded. */
    public synchronized double total() {
        return totalSum;
    }

    public synchronized long totalCount() {
        return totalCount;
    }
}
