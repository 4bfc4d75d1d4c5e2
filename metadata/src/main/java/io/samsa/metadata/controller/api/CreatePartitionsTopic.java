package io.samsa.metadata.controller.api;

import java.util.List;

/**
 * One topic of a CreatePartitions request.
 *
 * @param name        the topic
 * @param count       the new total partition count
 * @param assignments replica lists of the new partitions, in index order; empty for placement
 */
public record CreatePartitionsTopic(String name, int count, List<List<Integer>> assignments) {
    public CreatePartitionsTopic {
        assignments = assignments.stream().map(List::copyOf).toList();
    }
}
