package io.samsa.client.admin;

import io.samsa.client.common.Node;
import java.util.List;

/**
 * One partition of a described topic. Immutable.
 *
 * @param leader the leader, or null when the partition has none
 */
public record TopicPartitionInfo(int partition, Node leader, List<Node> replicas, List<Node> isr) {
    public TopicPartitionInfo {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }
}
