package io.samsa.broker.data.produce;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.CorruptRecordException;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchValidator;
import io.samsa.protocol.record.RecordIterator;
import io.samsa.storage.LogConfig;
import java.nio.ByteBuffer;

/**
 * Kafka's Produce v3+ checks on one partition's payload, before anything reaches the log, with the
 * error code Kafka answers:
 * <ol>
 *   <li>not a magic-2 batch, or more than one batch: INVALID_RECORD;</li>
 *   <li>zstd below Produce v7: UNSUPPORTED_COMPRESSION_TYPE;</li>
 *   <li>larger than the topic's max.message.bytes: MESSAGE_TOO_LARGE; larger than a segment:
 *       RECORD_LIST_TOO_LARGE;</li>
 *   <li>cut short, bad length or CRC: CORRUPT_MESSAGE; records that do not parse, wrong counts or
 *       offset deltas, control batches from a client, a record without a key on a compacted topic:
 *       INVALID_RECORD.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
final class ProducedBatchValidator {
    /** The first produce version that may carry zstd (KIP-110). */
    static final short FIRST_ZSTD_VERSION = 7;
    /** Size checks happen before, with the topic's limit, so the validator itself has none. */
    private static final RecordBatchValidator VALIDATOR = RecordBatchValidator.forProduce(Integer.MAX_VALUE);
    private static final int BYTES_TO_MAGIC = RecordBatch.MAGIC_OFFSET + 1;

    private ProducedBatchValidator() {
    }

    /**
     * @param buffer  the partition's records (position..limit), not modified
     * @param version the Produce version
     * @return the valid batch
     * @throws RejectedBatchException with the error code to answer
     */
    static RecordBatch validate(ByteBuffer buffer, short version, LogConfig config) {
        int start = buffer.position();
        int size = buffer.remaining();
        if (size < BYTES_TO_MAGIC) {
            throw new RejectedBatchException(ErrorCode.CORRUPT_MESSAGE, "only " + size + " bytes of records");
        }
        RecordBatch batch = new RecordBatch(buffer, start);
        if (batch.magic() != RecordBatch.MAGIC_V2) {
            throw new RejectedBatchException(ErrorCode.INVALID_RECORD, "magic " + batch.magic() + ": only v2 batches are accepted");
        }
        long batchSize = (long) batch.batchLength() + RecordBatch.LOG_OVERHEAD;
        if (size >= RecordBatch.HEADER_SIZE && batchSize >= RecordBatch.HEADER_SIZE && batchSize < size) {
            throw new RejectedBatchException(ErrorCode.INVALID_RECORD, "more than one batch for the partition");
        }
        if (size > config.segmentBytes()) {
            throw new RejectedBatchException(ErrorCode.RECORD_LIST_TOO_LARGE,
                    size + " bytes exceed segment.bytes " + config.segmentBytes());
        }
        if (size > config.maxMessageBytes()) {
            throw new RejectedBatchException(ErrorCode.MESSAGE_TOO_LARGE,
                    "batch of " + size + " bytes exceeds max.message.bytes " + config.maxMessageBytes());
        }
        if (size >= RecordBatch.HEADER_SIZE && batch.compressionId() == CompressionType.ZSTD.id()
                && version < FIRST_ZSTD_VERSION) {
            throw new RejectedBatchException(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, "zstd needs Produce v7 or later");
        }
        try {
            VALIDATOR.validate(batch);
        } catch (CorruptRecordException e) {
            throw new RejectedBatchException(errorFor(e.reason()), e.getMessage());
        }
        if (batch.isControlBatch()) {
            throw new RejectedBatchException(ErrorCode.INVALID_RECORD, "clients may not write control batches");
        }
        if (config.compact()) {
            requireKeys(batch);
        }
        return batch;
    }

    /** Kafka's rule for compacted topics: a record without a key could never be compacted away. */
    private static void requireKeys(RecordBatch batch) {
        try (RecordIterator records = batch.records()) {
            while (records.hasNext()) {
                if (!records.next().hasKey()) {
                    throw new RejectedBatchException(ErrorCode.INVALID_RECORD, "Compacted topic cannot accept message without key");
                }
            }
        } catch (CorruptRecordException e) {
            throw new RejectedBatchException(errorFor(e.reason()), e.getMessage());
        }
    }

    private static ErrorCode errorFor(CorruptRecordException.Reason reason) {
        return switch (reason) {
            case INVALID_BATCH_LENGTH, CHECKSUM_MISMATCH, INVALID_ATTRIBUTES, DECOMPRESSION_FAILED -> ErrorCode.CORRUPT_MESSAGE;
            default -> ErrorCode.INVALID_RECORD;
        };
    }

    /** A payload Produce refuses, with its error code. */
    static final class RejectedBatchException extends RuntimeException {
        private final ErrorCode error;

        RejectedBatchException(ErrorCode error, String message) {
            super(message, null, false, false);
            this.error = error;
        }

        ErrorCode error() {
            return error;
        }
    }
}
