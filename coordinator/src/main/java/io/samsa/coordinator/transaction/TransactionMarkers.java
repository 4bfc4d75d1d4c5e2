package io.samsa.coordinator.transaction;

import io.samsa.coordinator.offsets.TopicPartition;
import java.util.Set;

/**
 * The markers one transaction needs: a COMMIT or ABORT control batch with its producer id and
 * epoch in each of its partitions, stamped with the coordinator's epoch (the leader epoch of its
 * {@code __transaction_state} partition). Immutable; thread-safe.
 *
 * @param commit           true for COMMIT markers, false for ABORT
 * @param coordinatorEpoch the epoch partitions use to refuse markers of a deposed coordinator
 */
public record TransactionMarkers(String transactionalId, long producerId, short producerEpoch, boolean commit,
                                 int coordinatorEpoch, Set<TopicPartition> partitions) {
    public TransactionMarkers {
        partitions = Set.copyOf(partitions);
    }
}
