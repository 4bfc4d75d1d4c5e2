package io.samsa.coordinator.offsets;

import java.util.Objects;

/**
 * A topic partition an offset is committed for. Immutable; thread-safe.
 *
 * @param topic     the topic name
 * @param partition the partition index
 */
public record TopicPartition(String topic, int partition) {
    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
