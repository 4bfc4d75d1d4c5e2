package io.samsa.broker.data.produce;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.CorruptRecordException;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchValidator;
import io.samsa.storage.LogConfig;
import io.samsa.storage.TopicPartition;
import io.samsa.storage.TimestampType;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Kafka's Produce v3+ checks on one partition's payload, before anything reaches the log, with the
 * error code Kafka answers:
 * <ol>
 *   <li>not a magic-2 batch, or more than one batch: INVALID_RECORD;</li>
 *   <li>zstd below Produce v7: UNSUPPORTED_COMPRESSION_TYPE;</li>
 *   <li>larger than the topic's max.message.bytes: MESSAGE_TOO_LARGE; larger than a segment:
 *       RECORD_LIST_TOO_LARGE;</li>
 *   <li>cut short, bad length or CRC: CORRUPT_MESSAGE; records that do not parse, wrong counts or
 *       offset deltas, control batches from a client, a producer id without a sequence:
 *       INVALID_RECORD;</li>
 *   <li>records the topic refuses ({@link ProducedRecordCheck}: no key on a compacted topic,
 *       timestamps out of bounds): INVALID_RECORD or INVALID_TIMESTAMP with the records' errors
 *       and Kafka's summary message (KIP-467);</li>
 *   <li>on a CreateTime topic, a batch max timestamp out of bounds although every record is
 *       within them: INVALID_TIMESTAMP. Kafka rewrites that header field from the records; Samsa
 *       appends the client's bytes unchanged, so it refuses a header that would keep a segment
 *       from expiring instead.</li>
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
     * @param topicPartition named in messages
     * @param nowMs   the broker's clock, read once for the request
     * @return the valid batch
     * @throws RejectedBatchException with the error code to answer
     */
    static RecordBatch validate(ByteBuffer buffer, short version, LogConfig config, TopicPartition topicPartition, long nowMs) {
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
        ProducedRecordCheck records = new ProducedRecordCheck(batch, topicPartition, config, nowMs);
        try {
            VALIDATOR.validate(batch, size >= RecordBatch.HEADER_SIZE && batch.isControlBatch()
                    ? RecordBatchValidator.RecordCheck.NONE : records);
        } catch (CorruptRecordException e) {
            throw new RejectedBatchException(errorFor(e.reason()), e.getMessage());
        }
        if (batch.isControlBatch()) {
            throw new RejectedBatchException(ErrorCode.INVALID_RECORD,
                    "Clients are not allowed to write control records in topic partition " + topicPartition);
        }
        if (batch.producerId() >= 0 && batch.baseSequence() < 0) {
            throw new RejectedBatchException(ErrorCode.INVALID_RECORD, "Invalid sequence number " + batch.baseSequence()
                    + " in record batch with producerId " + batch.producerId() + " in topic partition " + topicPartition);
        }
        if (!records.errors().isEmpty()) {
            throw RejectedBatchException.forRecords(records.errors());
        }
        if (config.timestampType() == TimestampType.CREATE_TIME && batch.maxTimestamp() != RecordBatch.NO_TIMESTAMP
                && ProducedRecordCheck.outOfRange(nowMs - batch.maxTimestamp(), config)) {
            throw new RejectedBatchException(ErrorCode.INVALID_TIMESTAMP, "Batch max timestamp " + batch.maxTimestamp()
                    + " in topic partition " + topicPartition + " is out of range. The timestamp should be within ["
                    + (nowMs - config.timestampBeforeMaxMs()) + ", " + (nowMs + config.timestampAfterMaxMs()) + "]");
        }
        return batch;
    }

    private static ErrorCode errorFor(CorruptRecordException.Reason reason) {
        return switch (reason) {
            case INVALID_BATCH_LENGTH, CHECKSUM_MISMATCH, INVALID_ATTRIBUTES, DECOMPRESSION_FAILED -> ErrorCode.CORRUPT_MESSAGE;
            default -> ErrorCode.INVALID_RECORD;
        };
    }

    /** A payload Produce refuses, with its error code and, when records were refused, their errors. */
    static final class RejectedBatchException extends RuntimeException {
        private static final int LISTED_ERRORS = 3;

        private final ErrorCode error;
        private final transient List<RecordError> recordErrors;

        RejectedBatchException(ErrorCode error, String message) {
            this(error, message, List.of());
        }

        private RejectedBatchException(ErrorCode error, String message, List<RecordError> recordErrors) {
            super(message, null, false, false);
            this.error = error;
            this.recordErrors = recordErrors;
        }

        /**
         * Kafka's answer for refused records: INVALID_TIMESTAMP when any record's timestamp is
         * out of bounds, else INVALID_RECORD listing at most three of the errors.
         */
        static RejectedBatchException forRecords(List<RecordError> errors) {
            if (errors.stream().anyMatch(e -> e.error() == ErrorCode.INVALID_TIMESTAMP)) {
                return new RejectedBatchException(ErrorCode.INVALID_TIMESTAMP,
                        "One or more records have been rejected due to invalid timestamp", errors);
            }
            return new RejectedBatchException(ErrorCode.INVALID_RECORD, "One or more records have been rejected due to "
                    + errors.size() + " record errors in total, and only showing the first three errors at most: "
                    + errors.subList(0, Math.min(errors.size(), LISTED_ERRORS)), errors);
        }

        ErrorCode error() {
            return error;
        }

        /** @return the refused records, empty when the batch as a whole was refused */
        List<RecordError> recordErrors() {
            return recordErrors;
        }
    }
}
