package io.samsa.client.consumer.internals;

import io.samsa.protocol.util.Time;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Values recorded over a sliding time window (samples older than the window are dropped), read as
 * a rate per second, an average, a maximum or a total. A cheap stand-in for Kafka's sampled stats.
 *
 * <p>Thread-safe (synchronized): recorded by the application and network threads, read by metrics().
 */
final class WindowedStat {
    private record Sample(long timeMs, double value) {
    }

    private final Time time;
    private final long windowMs;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final long createdMs;
    private double total;

    WindowedStat(Time time, long windowMs) {
        this.time = time;
        this.windowMs = windowMs;
        this.createdMs = time.milliseconds();
    }

    synchronized void record(double value) {
        long nowMs = time.milliseconds();
        samples.addLast(new Sample(nowMs, value));
        total += value;
        prune(nowMs);
    }

    /** Sum of the window's values per second of the window (or of the time since creation, if shorter). */
    synchronized double ratePerSecond() {
        long nowMs = time.milliseconds();
        prune(nowMs);
        double sum = samples.stream().mapToDouble(Sample::value).sum();
        long spanMs = Math.max(1000, Math.min(windowMs, nowMs - createdMs));
        return sum * 1000.0 / spanMs;
    }

    /** Average of the window's values; NaN when there are none. */
    synchronized double avg() {
        prune(time.milliseconds());
        return samples.isEmpty() ? Double.NaN : samples.stream().mapToDouble(Sample::value).average().orElse(Double.NaN);
    }

    /** Maximum of the window's values; NaN when there are none. */
    synchronized double max() {
        prune(time.milliseconds());
        return samples.isEmpty() ? Double.NaN : samples.stream().mapToDouble(Sample::value).max().orElse(Double.NaN);
    }

    /** Sum of every value ever recorded. */
    synchronized double total() {
        return total;
    }

    private void prune(long nowMs) {
        while (!samples.isEmpty() && samples.peekFirst().timeMs() < nowMs - windowMs) {
            samples.pollFirst();
        }
    }
}
