package io.samsa.benchmarks.sidebyside;

import java.util.List;
import java.util.Map;

/**
 * What Samsa's client and kafka-clients scored against one broker, every run of each, or why the
 * comparison could not be completed.
 *
 * <p>Immutable.
 *
 * @param broker  "Samsa" or "Kafka": the broker both clients talked to
 * @param produce per client, each producer throughput run in the order they ran
 * @param consume per client, each consumer throughput run
 * @param latency per client, each end-to-end latency run (that client's producer to its own consumer)
 * @param failure null when every run succeeded
 */
record ClientComparison(String broker, Map<ClientKind, List<ConsumeResult>> produce, Map<ClientKind, List<ConsumeResult>> consume,
                        Map<ClientKind, List<LatencyPercentiles>> latency, String failure) {

    ClientComparison {
        produce = Map.copyOf(produce);
        consume = Map.copyOf(consume);
        latency = Map.copyOf(latency);
    }

    boolean ok() {
        return failure == null;
    }

    /** All of a client's throughput runs as one: their records, bytes and time added up. */
    static ConsumeResult combined(List<ConsumeResult> runs) {
        long records = 0;
        long bytes = 0;
        long nanos = 0;
        for (ConsumeResult run : runs) {
            records += run.records();
            bytes += run.valueBytes();
            nanos += run.elapsedNanos();
        }
        return new ConsumeResult(records, bytes, nanos);
    }

    /** The mean of each percentile over a client's latency runs. */
    static LatencyPercentiles mean(List<LatencyPercentiles> runs) {
        long records = 0;
        long p50 = 0;
        long p99 = 0;
        long max = 0;
        for (LatencyPercentiles run : runs) {
            records += run.records();
            p50 += run.p50Micros();
            p99 += run.p99Micros();
            max = Math.max(max, run.maxMicros());
        }
        int n = Math.max(1, runs.size());
        return new LatencyPercentiles(records, p50 / n, p99 / n, max);
    }
}
