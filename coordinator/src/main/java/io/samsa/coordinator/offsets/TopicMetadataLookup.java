package io.samsa.coordinator.offsets;

import java.util.OptionalInt;

/**
 * What the group coordinator may ask about topics without depending on the broker: whether a topic
 * exists and how many partitions it has. The single-node broker answers from its topic registry; a
 * cluster answers from its metadata image. Used to refuse commits for partitions that do not exist
 * (UNKNOWN_TOPIC_OR_PARTITION), as Kafka's broker does before it calls its coordinator.
 *
 * <p>Implementations are thread-safe and do not block: they read an in-memory view.
 */
@FunctionalInterface
public interface TopicMetadataLookup {

    /** Knows every topic and partition: for tests and tools that have no topic view. */
    TopicMetadataLookup ALL_KNOWN = topic -> OptionalInt.of(Integer.MAX_VALUE);

    /** @return the topic's partition count, or empty when no such topic exists */
    OptionalInt partitionCount(String topic);

    /** @return true when {@code topic} exists and has a partition {@code partition} */
    default boolean hasPartition(String topic, int partition) {
        OptionalInt count = partitionCount(topic);
        return partition >= 0 && count.isPresent() && partition < count.getAsInt();
    }
}
