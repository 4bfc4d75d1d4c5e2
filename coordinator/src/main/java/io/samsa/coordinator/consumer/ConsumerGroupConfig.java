package io.samsa.coordinator.consumer;

import io.samsa.coordinator.consumer.assignor.PartitionAssignor;
import io.samsa.coordinator.consumer.assignor.RangeAssignor;
import io.samsa.coordinator.consumer.assignor.UniformAssignor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of consumer-protocol groups (KIP-848), with Kafka's names and defaults. Immutable;
 * thread-safe.
 *
 * @param sessionTimeoutMs    group.consumer.session.timeout.ms (45000): a member that does not
 *                            heartbeat for this long is removed
 * @param heartbeatIntervalMs group.consumer.heartbeat.interval.ms (5000): told to members in every response
 * @param maxSize             group.consumer.max.size (Integer.MAX_VALUE): a join beyond it gets GROUP_MAX_SIZE_REACHED
 * @param assignors           group.consumer.assignors ("uniform,range"): the server-side assignors, the first the default
 * @param migrationPolicy     group.consumer.migration.policy (bidirectional): online migration between the protocols
 */
public record ConsumerGroupConfig(int sessionTimeoutMs, int heartbeatIntervalMs, int maxSize, List<PartitionAssignor> assignors,
                                  MigrationPolicy migrationPolicy) {

    public static final String SESSION_TIMEOUT_MS = "group.consumer.session.timeout.ms";
    public static final String HEARTBEAT_INTERVAL_MS = "group.consumer.heartbeat.interval.ms";
    public static final String MAX_SIZE = "group.consumer.max.size";
    public static final String ASSIGNORS = "group.consumer.assignors";
    public static final String MIGRATION_POLICY = "group.consumer.migration.policy";

    public ConsumerGroupConfig {
        if (sessionTimeoutMs <= 0 || heartbeatIntervalMs <= 0 || maxSize <= 0) {
            throw new IllegalArgumentException("consumer group timeouts and size must be positive");
        }
        if (heartbeatIntervalMs >= sessionTimeoutMs) {
            throw new IllegalArgumentException(HEARTBEAT_INTERVAL_MS + " must be below " + SESSION_TIMEOUT_MS);
        }
        assignors = List.copyOf(assignors);
        if (assignors.isEmpty()) {
            throw new IllegalArgumentException(ASSIGNORS + " must name at least one assignor");
        }
        Objects.requireNonNull(migrationPolicy, MIGRATION_POLICY);
    }

    /** @return Kafka's defaults */
    public static ConsumerGroupConfig defaults() {
        return new ConsumerGroupConfig(45_000, 5000, Integer.MAX_VALUE, assignors(List.of(UniformAssignor.NAME, RangeAssignor.NAME)),
                MigrationPolicy.BIDIRECTIONAL);
    }

    /**
     * @param names assignor names ("uniform", "range"), or Kafka's class names of the same assignors
     * @throws IllegalArgumentException for an assignor Samsa does not have
     */
    public static List<PartitionAssignor> assignors(List<String> names) {
        List<PartitionAssignor> assignors = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim();
            if (name.equals(UniformAssignor.NAME) || name.equals("org.apache.kafka.coordinator.group.assignor.UniformAssignor")) {
                assignors.add(new UniformAssignor());
            } else if (name.equals(RangeAssignor.NAME) || name.equals("org.apache.kafka.coordinator.group.assignor.RangeAssignor")) {
                assignors.add(new RangeAssignor());
            } else if (!name.isEmpty()) {
                throw new IllegalArgumentException(ASSIGNORS + ": unknown assignor " + name);
            }
        }
        return assignors;
    }

    /** @return the assignor named {@code name}, or null when there is none */
    public PartitionAssignor assignor(String name) {
        for (PartitionAssignor assignor : assignors) {
            if (assignor.name().equals(name)) {
                return assignor;
            }
        }
        return null;
    }
}
