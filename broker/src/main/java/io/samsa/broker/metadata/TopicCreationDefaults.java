package io.samsa.broker.metadata;

/**
 * Port from the broker config: how topics are created when a request leaves choices to the broker.
 *
 * <p>Immutable.
 *
 * @param numPartitions            {@code num.partitions}: partitions of an auto-created topic, and
 *                                 of a CreateTopics topic asking for -1
 * @param defaultReplicationFactor {@code default.replication.factor}: used for -1
 * @param autoCreateTopicsEnable   {@code auto.create.topics.enable}: whether Metadata creates
 *                                 unknown topics
 */
public record TopicCreationDefaults(int numPartitions, short defaultReplicationFactor, boolean autoCreateTopicsEnable) {

    public TopicCreationDefaults {
        if (numPartitions < 1 || defaultReplicationFactor < 1) {
            throw new IllegalArgumentException("num.partitions and default.replication.factor must be at least 1: "
                    + numPartitions + ", " + defaultReplicationFactor);
        }
    }
}
