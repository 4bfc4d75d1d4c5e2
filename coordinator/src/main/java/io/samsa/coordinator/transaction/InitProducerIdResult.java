package io.samsa.coordinator.transaction;

import io.samsa.protocol.ErrorCode;

/**
 * The answer to InitProducerId with a transactional id. Immutable; thread-safe.
 *
 * @param error         NONE, or why not (PRODUCER_FENCED is turned into INVALID_PRODUCER_EPOCH for old versions by the broker)
 * @param producerId    the producer id to use, or -1 on error
 * @param producerEpoch its epoch, or -1 on error
 */
public record InitProducerIdResult(ErrorCode error, long producerId, short producerEpoch) {

    public static InitProducerIdResult failed(ErrorCode error) {
        return new InitProducerIdResult(error, TransactionMetadata.NO_PRODUCER_ID, TransactionMetadata.NO_PRODUCER_EPOCH);
    }

    public static InitProducerIdResult of(TransactionMetadata metadata) {
        return new InitProducerIdResult(ErrorCode.NONE, metadata.producerId(), metadata.producerEpoch());
    }
}
