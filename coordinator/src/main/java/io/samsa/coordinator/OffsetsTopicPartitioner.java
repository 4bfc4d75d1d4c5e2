package io.samsa.coordinator;

/**
 * Maps a group id to its {@code __consumer_offsets} partition exactly as Kafka does:
 * {@code abs(groupId.hashCode()) % partitionCount}, where abs maps {@link Integer#MIN_VALUE} to 0
 * (Kafka's {@code Utils.abs}; checked against kafka-clients 4.1.0, where {@code abs(-5) == 5} and
 * {@code abs(MIN_VALUE) == 0}). Clients and other brokers compute the same mapping, so it must never
 * change. Stateless; thread-safe.
 */
public final class OffsetsTopicPartitioner {
    private OffsetsTopicPartitioner() {
    }

    /**
     * @param groupId        the group id; any string, including the empty one
     * @param partitionCount offsets.topic.num.partitions; must be positive
     * @return the partition in {@code [0, partitionCount)}
     */
    public static int partitionFor(String groupId, int partitionCount) {
        if (partitionCount <= 0) {
            throw new IllegalArgumentException("partitionCount must be positive: " + partitionCount);
        }
        int hash = groupId.hashCode();
        int nonNegative = hash == Integer.MIN_VALUE ? 0 : Math.abs(hash);
        return nonNegative % partitionCount;
    }
}
