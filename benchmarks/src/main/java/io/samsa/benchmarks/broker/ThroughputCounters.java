package io.samsa.benchmarks.broker;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary results of the broker benchmarks: JMH reports each public field as a rate per second,
 * so {@code records} reads as records/s and {@code megabytes} as MB/s (10^6 bytes of record values).
 *
 * <p>One per benchmark thread (JMH state); reset before each iteration.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ThroughputCounters {
    public long records;
    public double megabytes;

    @Setup(Level.Iteration)
    public void reset() {
        records = 0;
        megabytes = 0;
    }

    void add(long recordCount, int recordSizeBytes) {
        records += recordCount;
        megabytes += recordCount * (double) recordSizeBytes / 1e6;
    }
}
