package io.samsa.coordinator.transaction;

import io.samsa.protocol.ErrorCode;

/**
 * The check every transactional request after InitProducerId starts with, as Kafka's coordinator
 * makes it: the id must be known and held by this producer id (else INVALID_PRODUCER_ID_MAPPING),
 * at the current epoch (else PRODUCER_FENCED: a newer incarnation, or a timeout, bumped it).
 * Stateless.
 */
final class ProducerCheck {
    private ProducerCheck() {
    }

    /** @return NONE when {@code producerId}/{@code producerEpoch} own {@code metadata} (which may be null) */
    static ErrorCode check(TransactionMetadata metadata, long producerId, short producerEpoch) {
        if (metadata == null || metadata.producerId() != producerId) {
            return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
        }
        if (metadata.producerEpoch() != producerEpoch) {
            return ErrorCode.PRODUCER_FENCED;
        }
        return ErrorCode.NONE;
    }
}
