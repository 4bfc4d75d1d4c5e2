package io.samsa.broker.topics;

import io.samsa.protocol.types.Uuid;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One topic as the broker knows it: name, Kafka topic id, partition count, the topic-level config
 * overrides given at creation (or later) and whether it is an internal topic such as
 * {@code __consumer_offsets}. Partitions are numbered 0 to {@code partitionCount - 1}; on a single
 * node this broker leads every one of them.
 *
 * <p>Immutable value; a change produces a new instance ({@link #withPartitionCount}).
 *
 * @param name            the topic name, already validated by {@link TopicNames}
 * @param id              random, never {@link Uuid#ZERO}
 * @param partitionCount  at least 1
 * @param configOverrides topic-level overrides only (defaults are not stored), sorted by key
 * @param internal        true for Kafka's internal topics
 */
public record Topic(String name, Uuid id, int partitionCount, Map<String, String> configOverrides, boolean internal) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        if (id.equals(Uuid.ZERO)) {
            throw new IllegalArgumentException("topic " + name + " has the zero topic id");
        }
        if (partitionCount < 1) {
            throw new IllegalArgumentException("topic " + name + " has " + partitionCount + " partitions");
        }
        configOverrides = java.util.Collections.unmodifiableMap(new TreeMap<>(configOverrides));
    }

    /** @return this topic with {@code overrides} as its config overrides, everything else unchanged */
    public Topic withConfigOverrides(Map<String, String> overrides) {
        return new Topic(name, id, partitionCount, overrides, internal);
    }

    /** @return this topic with {@code newCount} partitions, everything else unchanged */
    public Topic withPartitionCount(int newCount) {
        return new Topic(name, id, newCount, configOverrides, internal);
    }
}
