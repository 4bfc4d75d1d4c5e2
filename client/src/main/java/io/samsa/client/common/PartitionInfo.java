package io.samsa.client.common;

import java.util.Arrays;
import java.util.Objects;

/**
 * What cluster metadata says about one partition: its leader and replica sets. The arrays are the
 * caller's; the accessors return them as given (as Kafka does), so callers must not modify them.
 *
 * <p>Immutable by contract; safe to share between threads.
 */
public final class PartitionInfo {
    private static final Node[] NO_NODES = new Node[0];

    private final String topic;
    private final int partition;
    private final Node leader;
    private final Node[] replicas;
    private final Node[] inSyncReplicas;
    private final Node[] offlineReplicas;

    public PartitionInfo(String topic, int partition, Node leader, Node[] replicas, Node[] inSyncReplicas) {
        this(topic, partition, leader, replicas, inSyncReplicas, NO_NODES);
    }

    public PartitionInfo(String topic, int partition, Node leader, Node[] replicas, Node[] inSyncReplicas,
                         Node[] offlineReplicas) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.partition = partition;
        this.leader = leader;
        this.replicas = replicas == null ? NO_NODES : replicas;
        this.inSyncReplicas = inSyncReplicas == null ? NO_NODES : inSyncReplicas;
        this.offlineReplicas = offlineReplicas == null ? NO_NODES : offlineReplicas;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    /** The leader, or null when the partition has none. */
    public Node leader() {
        return leader;
    }

    public Node[] replicas() {
        return replicas;
    }

    public Node[] inSyncReplicas() {
        return inSyncReplicas;
    }

    public Node[] offlineReplicas() {
        return offlineReplicas;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PartitionInfo)) {
            return false;
        }
        PartitionInfo other = (PartitionInfo) o;
        return partition == other.partition && topic.equals(other.topic) && Objects.equals(leader, other.leader)
            && Arrays.equals(replicas, other.replicas) && Arrays.equals(inSyncReplicas, other.inSyncReplicas)
            && Arrays.equals(offlineReplicas, other.offlineReplicas);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, leader, Arrays.hashCode(replicas), Arrays.hashCode(inSyncReplicas),
            Arrays.hashCode(offlineReplicas));
    }

    @Override
    public String toString() {
        return String.format("Partition(topic = %s, partition = %d, leader = %s, replicas = %s, isr = %s, offlineReplicas = %s)",
            topic, partition, leader == null ? "none" : leader.idString(), ids(replicas), ids(inSyncReplicas),
            ids(offlineReplicas));
    }

    private static String ids(Node[] nodes) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < nodes.length; i++) {
            b.append(i == 0 ? "" : ",").append(nodes[i] == null ? "null" : nodes[i].idString());
        }
        return b.append(']').toString();
    }
}
