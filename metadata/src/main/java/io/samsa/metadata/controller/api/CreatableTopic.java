package io.samsa.metadata.controller.api;

import java.util.List;
import java.util.Map;

/**
 * One topic of a CreateTopics request.
 *
 * @param name              the topic name
 * @param numPartitions     the partition count, -1 for {@code num.partitions}
 * @param replicationFactor the replication factor, -1 for {@code default.replication.factor}
 * @param assignments       an explicit replica list per partition index (then both counts must be -1);
 *                          empty for controller placement
 * @param configs           dynamic topic configs to set
 */
public record CreatableTopic(String name, int numPartitions, short replicationFactor,
                             Map<Integer, List<Integer>> assignments, Map<String, String> configs) {
    public CreatableTopic {
        assignments = Map.copyOf(assignments);
        configs = Map.copyOf(configs);
    }

    /** A topic placed by the controller, without configs. */
    public static CreatableTopic of(String name, int numPartitions, int replicationFactor) {
        return new CreatableTopic(name, numPartitions, (short) replicationFactor, Map.of(), Map.of());
    }
}
