package io.samsa.client.common;

import java.util.Objects;

/**
 * A topic name and a partition number: the unit of assignment, fetch position and commit.
 * {@link #toString()} gives Kafka's form {@code topic-0}.
 *
 * <p>Its hash code is the same function of (topic, partition) as Kafka's, so hash-ordered
 * collections of partitions iterate in the same order in both clients; the sticky assignors rely on
 * that to reproduce Kafka's choices exactly.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class TopicPartition {
    private final String topic;
    private final int partition;
    private int hash;

    public TopicPartition(String topic, int partition) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.partition = partition;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 31 * (31 + partition) + topic.hashCode();
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TopicPartition)) {
            return false;
        }
        TopicPartition other = (TopicPartition) o;
        return partition == other.partition && topic.equals(other.topic);
    }

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
