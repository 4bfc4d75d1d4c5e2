package io.samsa.client.consumer.internals;

import io.samsa.client.common.Metric;
import io.samsa.client.common.MetricName;
import io.samsa.client.common.TopicPartition;
import io.samsa.protocol.util.Time;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The consumer's metrics under Kafka's names and groups: fetch-manager metrics
 * (records-consumed-rate, records-consumed-total, fetch-latency-avg/max, fetch-rate, records-lag-max
 * and per-partition records-lag) and coordinator metrics (commit-latency-avg/max, commit-rate,
 * rebalance-total, rebalance-latency-avg/max). Windowed stats use a 30 s window.
 *
 * <p>Thread-safe.
 */
public final class ConsumerMetrics {
    public static final String FETCH_GROUP = "consumer-fetch-manager-metrics";
    public static final String COORDINATOR_GROUP = "consumer-coordinator-metrics";
    private static final long WINDOW_MS = 30_000;

    private record SimpleMetric(MetricName metricName, Supplier<Object> value) implements Metric {
        @Override
        public Object metricValue() {
            return value.get();
        }
    }

    private final Map<String, String> tags;
    private final WindowedStat recordsConsumed;
    private final WindowedStat fetchLatency;
    private final WindowedStat commitLatency;
    private final WindowedStat rebalanceLatency;
    private final WindowedStat lagMax;
    private final WindowedStat fetches;
    private final WindowedStat commits;
    private final WindowedStat rebalances;
    private final Map<TopicPartition, Long> lags = new ConcurrentHashMap<>();

    public ConsumerMetrics(Time time, String clientId) {
        this.tags = Map.of("client-id", clientId);
        this.recordsConsumed = new WindowedStat(time, WINDOW_MS);
        this.fetchLatency = new WindowedStat(time, WINDOW_MS);
        this.commitLatency = new WindowedStat(time, WINDOW_MS);
        this.rebalanceLatency = new WindowedStat(time, WINDOW_MS);
        this.lagMax = new WindowedStat(time, WINDOW_MS);
        this.fetches = new WindowedStat(time, WINDOW_MS);
        this.commits = new WindowedStat(time, WINDOW_MS);
        this.rebalances = new WindowedStat(time, WINDOW_MS);
    }

    public void recordsConsumed(int count) {
        recordsConsumed.record(count);
    }

    public void fetchLatency(long latencyMs) {
        fetchLatency.record(latencyMs);
        fetches.record(1);
    }

    public void commitLatency(long latencyMs) {
        commitLatency.record(latencyMs);
        commits.record(1);
    }

    public void rebalanceCompleted(long latencyMs) {
        rebalanceLatency.record(latencyMs);
        rebalances.record(1);
    }

    /** The lag of a partition after a fetch, or null when unknown. */
    public void recordLag(TopicPartition tp, Long lag) {
        if (lag != null) {
            lags.put(tp, lag);
            lagMax.record(lag);
        }
    }

    /** Forgets the lag of partitions no longer assigned. */
    public void retainPartitions(java.util.Set<TopicPartition> assigned) {
        lags.keySet().retainAll(assigned);
    }

    public Map<MetricName, Metric> snapshot() {
        Map<MetricName, Metric> result = new LinkedHashMap<>();
        add(result, FETCH_GROUP, "records-consumed-rate", "The average number of records consumed per second", recordsConsumed::ratePerSecond);
        add(result, FETCH_GROUP, "records-consumed-total", "The total number of records consumed", recordsConsumed::total);
        add(result, FETCH_GROUP, "fetch-latency-avg", "The average time taken for a fetch request", fetchLatency::avg);
        add(result, FETCH_GROUP, "fetch-latency-max", "The max time taken for any fetch request", fetchLatency::max);
        add(result, FETCH_GROUP, "fetch-rate", "The number of fetch requests per second", fetches::ratePerSecond);
        add(result, FETCH_GROUP, "records-lag-max", "The maximum lag in terms of number of records for any partition",
            lagMax::max);
        lags.forEach((tp, lag) -> {
            Map<String, String> partitionTags = new LinkedHashMap<>(tags);
            partitionTags.put("topic", tp.topic());
            partitionTags.put("partition", Integer.toString(tp.partition()));
            MetricName name = new MetricName("records-lag", FETCH_GROUP, "The latest lag of the partition", partitionTags);
            result.put(name, new SimpleMetric(name, () -> lags.getOrDefault(tp, 0L).doubleValue()));
        });
        add(result, COORDINATOR_GROUP, "commit-latency-avg", "The average time taken for a commit request", commitLatency::avg);
        add(result, COORDINATOR_GROUP, "commit-latency-max", "The max time taken for a commit request", commitLatency::max);
        add(result, COORDINATOR_GROUP, "commit-rate", "The number of commit calls per second", commits::ratePerSecond);
        add(result, COORDINATOR_GROUP, "rebalance-total", "The total number of rebalance events", rebalances::total);
        add(result, COORDINATOR_GROUP, "rebalance-latency-avg", "The average time taken for a group rebalance", rebalanceLatency::avg);
        add(result, COORDINATOR_GROUP, "rebalance-latency-max", "The max time taken for a group rebalance", rebalanceLatency::max);
        return result;
    }

    private void add(Map<MetricName, Metric> into, String group, String name, String description, Supplier<Object> value) {
        MetricName metricName = new MetricName(name, group, description, tags);
        into.put(metricName, new SimpleMetric(metricName, value));
    }
}
