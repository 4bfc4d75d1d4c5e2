package io.samsa.client.admin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A topic to create: name, partition count and replication factor (either may be left to the
 * broker's defaults, CreateTopics v4+), and topic configs.
 *
 * <p>Not thread-safe while {@link #configs} is being called; immutable afterwards in practice.
 */
public final class NewTopic {
    private final String name;
    private final Optional<Integer> numPartitions;
    private final Optional<Short> replicationFactor;
    private final Map<String, String> configs = new LinkedHashMap<>();

    public NewTopic(String name, int numPartitions, short replicationFactor) {
        this(name, Optional.of(numPartitions), Optional.of(replicationFactor));
    }

    /** Empty optionals take the broker's num.partitions / default.replication.factor. */
    public NewTopic(String name, Optional<Integer> numPartitions, Optional<Short> replicationFactor) {
        this.name = name;
        this.numPartitions = numPartitions;
        this.replicationFactor = replicationFactor;
    }

    /** Adds topic configs (cleanup.policy, retention.ms, ...). */
    public NewTopic configs(Map<String, String> topicConfigs) {
        configs.putAll(topicConfigs);
        return this;
    }

    public String name() {
        return name;
    }

    public Optional<Integer> numPartitions() {
        return numPartitions;
    }

    public Optional<Short> replicationFactor() {
        return replicationFactor;
    }

    public Map<String, String> configs() {
        return Collections.unmodifiableMap(configs);
    }

    @Override
    public String toString() {
        return "NewTopic(" + name + ", partitions " + numPartitions.map(String::valueOf).orElse("default")
            + ", replication " + replicationFactor.map(String::valueOf).orElse("default") + ", configs " + configs + ")";
    }
}
