package io.samsa.metadata.controller.api;

import java.util.List;
import java.util.Optional;

/**
 * One partition of AlterPartitionReassignments.
 *
 * @param partition the partition
 * @param target    the wanted replicas; empty to cancel a reassignment in progress
 */
public record Reassignment(TopicPartitionName partition, Optional<List<Integer>> target) {
    public Reassignment {
        target = target.map(List::copyOf);
    }
}
