package io.samsa.coordinator.transaction;

import io.samsa.coordinator.runtime.CoordinatorResult;
import java.util.List;

/**
 * Completes a transaction once every partition has its marker: PrepareCommit becomes
 * CompleteCommit, PrepareAbort CompleteAbort, with no partitions left. Nothing happens when the
 * transactional id moved on meanwhile (another producer id or epoch, another state): the markers
 * were for a transaction that is no longer the current one. Stateless; runs on the partition's
 * event thread.
 */
public final class MarkersWrittenHandler {

    /** @param prepared the metadata the markers were sent for */
    public CoordinatorResult<Void> complete(TransactionCoordinatorShard shard, TransactionMetadata prepared, long nowMs) {
        TransactionMetadata current = shard.store().get(prepared.transactionalId());
        if (current == null || current.producerId() != prepared.producerId() || current.producerEpoch() != prepared.producerEpoch()
                || current.state() != prepared.state()) {
            return CoordinatorResult.empty();
        }
        TransactionState target = current.state() == TransactionState.PREPARE_COMMIT
                ? TransactionState.COMPLETE_COMMIT : TransactionState.COMPLETE_ABORT;
        TransactionMetadata complete = current.withState(target, nowMs).withoutPartitions();
        return CoordinatorResult.records(List.of(TransactionRecord.of(complete)));
    }
}
