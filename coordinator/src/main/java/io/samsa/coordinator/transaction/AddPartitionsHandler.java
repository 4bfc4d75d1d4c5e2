package io.samsa.coordinator.transaction;

import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Set;

/**
 * AddPartitionsToTxn (and AddOffsetsToTxn, which adds the group's {@code __consumer_offsets}
 * partition), as Kafka's coordinator answers it: after the {@link ProducerCheck}, CONCURRENT_TRANSACTIONS
 * while a previous transaction's markers are being written, nothing to write when every partition
 * is already in the open transaction, else the transaction is (or stays) Ongoing with the
 * partitions added; the first partition starts its timeout clock. The broker-side verification of
 * KIP-890 ({@link #verify}) only reads. Stateless; runs on the partition's event thread.
 */
public final class AddPartitionsHandler {

    public CoordinatorResult<ErrorCode> add(TransactionCoordinatorShard shard, String transactionalId, long producerId,
                                            short producerEpoch, Set<TopicPartition> partitions, long nowMs) {
        TransactionMetadata current = shard.store().get(transactionalId);
        ErrorCode check = ProducerCheck.check(current, producerId, producerEpoch);
        if (check != ErrorCode.NONE) {
            return CoordinatorResult.response(check);
        }
        switch (current.state()) {
            case PREPARE_COMMIT, PREPARE_ABORT, PREPARE_EPOCH_FENCE:
                return CoordinatorResult.response(ErrorCode.CONCURRENT_TRANSACTIONS);
            case DEAD:
                return CoordinatorResult.response(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
            case ONGOING:
                if (current.partitions().containsAll(partitions)) {
                    return CoordinatorResult.response(ErrorCode.NONE);
                }
                break;
            default:
                break;
        }
        long startMs = current.state() == TransactionState.ONGOING ? current.txnStartTimestampMs() : nowMs;
        TransactionMetadata ongoing = current.withPartitions(partitions, startMs).withState(TransactionState.ONGOING, nowMs);
        return CoordinatorResult.of(List.of(TransactionRecord.of(ongoing)), ErrorCode.NONE);
    }

    /**
     * AddPartitionsToTxn v4+ with verify_only: whether the producer's open transaction holds the
     * partition (NONE) or not (INVALID_TXN_STATE); a producer check failure answers for all.
     */
    public ErrorCode verify(TransactionCoordinatorShard shard, String transactionalId, long producerId, short producerEpoch,
                            TopicPartition partition) {
        TransactionMetadata current = shard.store().get(transactionalId);
        ErrorCode check = ProducerCheck.check(current, producerId, producerEpoch);
        if (check != ErrorCode.NONE) {
            return check;
        }
        return current.state() == TransactionState.ONGOING && current.partitions().contains(partition)
                ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE;
    }
}
