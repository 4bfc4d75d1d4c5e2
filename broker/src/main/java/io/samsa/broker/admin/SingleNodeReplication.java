package io.samsa.broker.admin;

import java.util.List;
import java.util.Optional;

/**
 * The replication rules of a one-broker cluster: every replica set is exactly this node, so a
 * replication factor above 1 cannot be met (INVALID_REPLICATION_FACTOR) and a manual assignment
 * may name only this node, once (INVALID_REPLICA_ASSIGNMENT).
 *
 * <p>Stateless; thread-safe.
 */
final class SingleNodeReplication {
    private static final int AVAILABLE_BROKERS = 1;

    private SingleNodeReplication() {
    }

    /** @return why {@code replicationFactor} (already resolved from -1) cannot be met, or empty */
    static Optional<String> replicationFactorProblem(short replicationFactor) {
        if (replicationFactor < 1) {
            return Optional.of("Replication factor must be larger than 0, or -1 to use the default value.");
        }
        if (replicationFactor > AVAILABLE_BROKERS) {
            return Optional.of("Unable to replicate the partition " + replicationFactor + " time(s): The target "
                    + "replication factor of " + replicationFactor + " cannot be reached because only "
                    + AVAILABLE_BROKERS + " broker(s) are registered.");
        }
        return Optional.empty();
    }

    /** @return why {@code brokerIds} is not a valid replica list on node {@code nodeId}, or empty */
    static Optional<String> assignmentProblem(List<Integer> brokerIds, int nodeId) {
        if (brokerIds == null || brokerIds.isEmpty()) {
            return Optional.of("The manual partition assignment includes an empty replica list.");
        }
        if (brokerIds.size() > 1) {
            return Optional.of("The manual partition assignment " + brokerIds + " names more than one replica; "
                    + "this cluster has only broker " + nodeId + ".");
        }
        if (brokerIds.get(0) != nodeId) {
            return Optional.of("The manual partition assignment includes broker " + brokerIds.get(0)
                    + ", but no such broker is registered.");
        }
        return Optional.empty();
    }
}
