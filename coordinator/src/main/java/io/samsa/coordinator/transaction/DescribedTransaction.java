package io.samsa.coordinator.transaction;

import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.protocol.ErrorCode;
import java.util.Set;

/**
 * One entry of a DescribeTransactions answer. Immutable; thread-safe.
 *
 * @param error NONE, TRANSACTIONAL_ID_NOT_FOUND, or a coordinator error (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS)
 */
public record DescribedTransaction(ErrorCode error, String transactionalId, String state, int timeoutMs, long startTimeMs,
                                   long producerId, short producerEpoch, Set<TopicPartition> partitions) {

    public static DescribedTransaction failed(String transactionalId, ErrorCode error) {
        return new DescribedTransaction(error, transactionalId, "", 0, -1, -1, (short) -1, Set.of());
    }

    public static DescribedTransaction of(TransactionMetadata metadata) {
        return new DescribedTransaction(ErrorCode.NONE, metadata.transactionalId(), metadata.state().displayName(),
                metadata.timeoutMs(), metadata.txnStartTimestampMs(), metadata.producerId(), metadata.producerEpoch(),
                metadata.partitions());
    }
}
