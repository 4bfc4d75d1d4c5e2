package io.samsa.broker.replication;

import java.util.Objects;

/**
 * What replication needs from outside the broker, and gives back: the controller's AlterPartition
 * and the other brokers' addresses in, the {@link ReplicaManager} (where roles are applied) out.
 * Today tests provide it; the metadata quorum will. The default is a single node: no controller,
 * no other brokers, and no roles unless someone applies them.
 *
 * <p>Thread-safe.
 */
public final class ReplicationEnvironment {
    private final AlterPartitionSender alterPartition;
    private final ReplicaEndpoints endpoints;
    private volatile ReplicaManager replicaManager;

    public ReplicationEnvironment(AlterPartitionSender alterPartition, ReplicaEndpoints endpoints) {
        this.alterPartition = Objects.requireNonNull(alterPartition, "alterPartition");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    /** A broker on its own. */
    public static ReplicationEnvironment singleNode() {
        return new ReplicationEnvironment(AlterPartitionSender.NONE, ReplicaEndpoints.NONE);
    }

    public AlterPartitionSender alterPartition() {
        return alterPartition;
    }

    public ReplicaEndpoints endpoints() {
        return endpoints;
    }

    /** @return the broker's replica manager, once the broker is built */
    public ReplicaManager replicaManager() {
        return replicaManager;
    }

    /** Called once by the broker's assembly. */
    public void replicaManager(ReplicaManager manager) {
        this.replicaManager = manager;
    }
}
