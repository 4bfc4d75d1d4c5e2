package io.samsa.broker.data.produce;

import io.samsa.protocol.ErrorCode;

/**
 * One record of a produced batch that the topic refuses (KIP-467), as Produce v8+ reports it in
 * {@code record_errors}.
 *
 * @param batchIndex the record's position in its batch, from 0
 * @param error      INVALID_RECORD or INVALID_TIMESTAMP
 * @param message    Kafka's wording of the reason
 */
record RecordError(int batchIndex, ErrorCode error, String message) {
    /** Kafka's {@code ProduceResponse.RecordError.toString()}, which its summary message lists. */
    @Override
    public String toString() {
        return "RecordError(batchIndex=" + batchIndex + ", message='" + message + "')";
    }
}
