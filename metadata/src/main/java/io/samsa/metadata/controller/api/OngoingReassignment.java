package io.samsa.metadata.controller.api;

import java.util.List;

/** A ListPartitionReassignments entry: the partition's replicas and those being added and removed. */
public record OngoingReassignment(TopicPartitionName partition, List<Integer> replicas, List<Integer> adding,
                                  List<Integer> removing) {
}
