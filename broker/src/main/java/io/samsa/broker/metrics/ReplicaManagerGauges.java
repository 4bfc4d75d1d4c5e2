package io.samsa.broker.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.storage.LogManager;
import java.util.function.Supplier;

/**
 * Kafka's {@code kafka.server:type=ReplicaManager} gauges, computed when read (a scrape), never on
 * the data path: PartitionCount (partitions hosted here), LeaderCount (those this broker leads: a
 * partition without a replicated role is a single-node partition, led here) and
 * UnderReplicatedPartitions (led here with fewer in-sync replicas than replicas). Thread-safe.
 */
public final class ReplicaManagerGauges {
    static final String DOMAIN = "kafka.server";
    static final String TYPE = "ReplicaManager";

    private ReplicaManagerGauges() {
    }

    /** @param logs the log manager, read only when a gauge is (once storage has started) */
    public static void register(MetricRegistry registry, Supplier<LogManager> logs, ReplicaManager replicas) {
        registry.gauge(KafkaMetricName.of(DOMAIN, TYPE, "PartitionCount"), () -> (Gauge<Integer>) () -> logs.get().allLogs().size());
        registry.gauge(KafkaMetricName.of(DOMAIN, TYPE, "LeaderCount"), () -> (Gauge<Long>) () -> logs.get().allLogs().stream()
                .filter(log -> replicas.partition(log.topicPartition()).map(ReplicatedPartition::isLeader).orElse(true))
                .count());
        registry.gauge(KafkaMetricName.of(DOMAIN, TYPE, "UnderReplicatedPartitions"), () -> (Gauge<Long>) () ->
                replicas.partitions().stream()
                        .filter(p -> p.isLeader() && p.isr().size() < p.role().replicas().size())
                        .count());
    }
}
