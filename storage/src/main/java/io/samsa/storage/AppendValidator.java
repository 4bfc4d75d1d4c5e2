package io.samsa.storage;

import io.samsa.protocol.record.RecordBatch;

import java.nio.ByteBuffer;

/**
 * Checks a produce payload before anything is written: whole v2 batches only, each with a sane
 * length, magic 2, non-negative counts, a valid CRC and at most {@code max.message.bytes}; the
 * whole payload must fit in one segment. Nothing is modified.
 *
 * <p>Stateless and thread-safe.
 */
final class AppendValidator {
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
            int remaining = limit - position;
            if (remaining < RecordBatch.HEADER_SIZE) {
                throw new CorruptRecordException("trailing " + remaining + " bytes are not a whole batch header");
            }
            RecordBatch batch = new RecordBatch(buffer, position);
            int batchLength = batch.batchLength();
            if (batchLength < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD || batchLength > remaining - RecordBatch.LOG_OVERHEAD) {
                throw new CorruptRecordException("batchLength " + batchLength + " does not match the " + remaining + " bytes present");
            }
            if (batch.magic() != RecordBatch.MAGIC_V2) {
                throw new CorruptRecordException("unsupported magic " + batch.magic() + "; only v2 batches are stored");
            }
            int size = batch.sizeInBytes();
            if (size > config.maxMessageBytes()) {
                throw new RecordTooLargeException("batch of " + size + " bytes exceeds max.message.bytes " + config.maxMessageBytes());
            }
            if (batch.lastOffsetDelta() < 0 || batch.recordsCount() < 0) {
                throw new CorruptRecordException("negative lastOffsetDelta or recordsCount");
            }
            if (!batch.isChecksumValid()) {
                throw new CorruptRecordException("CRC mismatch: stored " + batch.checksum() + ", computed " + batch.computeChecksum());
            }
            offsets += batch.lastOffsetDelta() + 1L;
            batches++;
            position += size;
        }
        if (batches == 0) {
            throw new CorruptRecordException("no batches to append");
        }
        int sizeInBytes = limit - buffer.position();
        if (sizeInBytes > config.segmentBytes()) {
            throw new RecordTooLargeException("payload of " + sizeInBytes + " bytes exceeds segment.bytes " + config.segmentBytes());
        }
        return new Summary(batches, offsets, sizeInBytes);
    }
}
