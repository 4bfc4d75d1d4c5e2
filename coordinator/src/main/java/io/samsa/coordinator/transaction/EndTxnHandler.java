package io.samsa.coordinator.transaction;

import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.List;

/**
 * EndTxn (transaction version 1), as Kafka's coordinator answers it. After the
 * {@link ProducerCheck}, an Ongoing transaction moves to PrepareCommit or PrepareAbort; the answer
 * (NONE) is released once that is durable, and then its markers are sent. A retry of an ending
 * that is done answers NONE, one that is still writing markers CONCURRENT_TRANSACTIONS; asking for
 * the other outcome, or ending with no transaction open, is INVALID_TXN_STATE. Stateless; runs on
 * the partition's event thread.
 */
public final class EndTxnHandler {

    public CoordinatorResult<ErrorCode> end(TransactionCoordinatorShard shard, String transactionalId, long producerId,
                                            short producerEpoch, boolean commit, long nowMs) {
        TransactionMetadata current = shard.store().get(transactionalId);
        ErrorCode check = ProducerCheck.check(current, producerId, producerEpoch);
        if (check != ErrorCode.NONE) {
            return CoordinatorResult.response(check);
        }
        return switch (current.state()) {
            case ONGOING -> prepare(shard, current, commit, nowMs);
            case COMPLETE_COMMIT -> CoordinatorResult.response(commit ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE);
            case COMPLETE_ABORT -> CoordinatorResult.response(commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.NONE);
            case PREPARE_COMMIT -> CoordinatorResult.response(commit ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.INVALID_TXN_STATE);
            case PREPARE_ABORT -> CoordinatorResult.response(commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.CONCURRENT_TRANSACTIONS);
            case PREPARE_EPOCH_FENCE -> CoordinatorResult.response(ErrorCode.CONCURRENT_TRANSACTIONS);
            case EMPTY, DEAD -> CoordinatorResult.response(ErrorCode.INVALID_TXN_STATE);
        };
    }

    private static CoordinatorResult<ErrorCode> prepare(TransactionCoordinatorShard shard, TransactionMetadata current, boolean commit,
                                                        long nowMs) {
        TransactionMetadata prepared = current.withState(commit ? TransactionState.PREPARE_COMMIT : TransactionState.PREPARE_ABORT, nowMs);
        return CoordinatorResult.of(List.of(TransactionRecord.of(prepared)), ErrorCode.NONE).whenAppended(error -> {
            if (error == ErrorCode.NONE) {
                shard.dispatchMarkers(prepared);
            }
        });
    }
}
