package io.samsa.storage;

import io.samsa.protocol.record.CorruptRecordException;
import io.samsa.protocol.record.CorruptRecordException.Reason;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchValidator;

import java.nio.ByteBuffer;

/**
 * Checks a payload before anything is written: whole batches that pass the protocol's
 * {@link RecordBatchValidator} (length, magic 2, counts, CRC), each at most {@code max.message.bytes};
 * the whole payload must fit in one segment. Nothing is modified.
 *
 * <p>Stateless and thread-safe.
 */
final class AppendValidator {
    /** Structure and CRC; the size limit is checked here, as it is a different error (MESSAGE_TOO_LARGE). */
    private static final RecordBatchValidator STRUCTURE = RecordBatchValidator.forRecovery(Integer.MAX_VALUE);

    private AppendValidator() {
    }

    /**
     * @param batchCount   number of batches
     * @param offsetCount  offsets the batches span (sum of lastOffsetDelta + 1)
     * @param sizeInBytes  payload size
     */
    record Summary(int batchCount, long offsetCount, int sizeInBytes) {
    }

    /**
     * @param buffer the batches between position and limit
     * @throws CorruptRecordException  on a malformed batch
     * @throws RecordTooLargeException on a batch over max.message.bytes or a payload over segment.bytes
     */
    static Summary validate(ByteBuffer buffer, LogConfig config) {
        int position = buffer.position();
        int limit = buffer.limit();
        int batches = 0;
        long offsets = 0;
        while (position < limit) {
            RecordBatch batch = STRUCTURE.validate(buffer, position);
            int size = batch.sizeInBytes();
            if (size > config.maxMessageBytes()) {
                throw new RecordTooLargeException("batch of " + size + " bytes exceeds max.message.bytes " + config.maxMessageBytes());
            }
            offsets += batch.lastOffsetDelta() + 1L;
            batches++;
            position += size;
        }
        if (batches == 0) {
            throw new CorruptRecordException(Reason.INVALID_BATCH_LENGTH, "no batches to append");
        }
        int sizeInBytes = limit - buffer.position();
        if (sizeInBytes > config.segmentBytes()) {
            throw new RecordTooLargeException("payload of " + sizeInBytes + " bytes exceeds segment.bytes " + config.segmentBytes());
        }
        return new Summary(batches, offsets, sizeInBytes);
    }
}
