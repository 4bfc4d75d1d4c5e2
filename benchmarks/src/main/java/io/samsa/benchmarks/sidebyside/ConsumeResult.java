package io.samsa.benchmarks.sidebyside;

/**
 * A timed read of a topic from its beginning.
 *
 * <p>Immutable.
 */
public record ConsumeResult(long records, long valueBytes, long elapsedNanos) {

    public double recordsPerSec() {
        return records / seconds();
    }

    /** Value bytes per second / 2^20, the unit ProducerPerformance prints as MB/sec. */
    public double megabytesPerSec() {
        return valueBytes / seconds() / (1024.0 * 1024.0);
    }

    private double seconds() {
        return Math.max(1, elapsedNanos) / 1e9;
    }
}
