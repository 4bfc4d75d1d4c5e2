package io.samsa.benchmarks.sidebyside;

import java.util.Arrays;
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

    /**
     * Each percentile's median over a client's latency runs (the mean of the middle two for an even
     * count): one run disturbed by the shared machine does not decide the result. Max is the largest.
     */
    static LatencyPercentiles median(List<LatencyPercentiles> runs) {
        long records = 0;
        long max = 0;
        long[] p50 = new long[runs.size()];
        long[] p99 = new long[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            LatencyPercentiles run = runs.get(i);
            records += run.records();
            p50[i] = run.p50Micros();
            p99[i] = run.p99Micros();
            max = Math.max(max, run.maxMicros());
        }
        return new LatencyPercentiles(records, median(p50), median(p99), max);
    }

    private static long median(long[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
