package io.samsa.protocol.record;

import io.samsa.protocol.record.CorruptRecordException.Reason;
import java.nio.ByteBuffer;

/**
 * Decides whether bytes are a record batch we accept, and says why not through a
 * {@link CorruptRecordException} and its {@link Reason}. Used by the broker on produce and by
 * storage when it recovers a segment. Checks, in order:
 *
 * <ol>
 *   <li>the buffer holds the batch's fixed fields, and the magic byte is 2;</li>
 *   <li>batchLength is at least the header, at most {@code maxBatchBytes} (with its 12-byte log
 *       overhead) and within the buffer;</li>
 *   <li>the CRC-32C matches (unless {@linkplain #withChecksum turned off}); the codec id is known;</li>
 *   <li>recordsCount is not negative, is at most lastOffsetDelta + 1 (fewer after compaction),
 *       fits the bytes of an uncompressed batch, and in {@linkplain #forProduce produce} mode is
 *       exactly lastOffsetDelta + 1 and at least 1;</li>
 *   <li>optionally, a walk of every record: each parses, offset deltas increase and stay within
 *       lastOffsetDelta (in produce mode they are exactly 0, 1, 2, ...), and control batches hold
 *       well-formed control records; a caller's {@link RecordCheck} sees each record of that walk,
 *       so checks of record contents cost no second pass (nor a second decompression).</li>
 * </ol>
 *
 * <p>Immutable, so thread-safe.
 */
public final class RecordBatchValidator {
    /** Kafka's default {@code message.max.bytes}: 1 MiB plus the 12-byte log overhead. */
    public static final int DEFAULT_MAX_BATCH_BYTES = 1024 * 1024 + RecordBatch.LOG_OVERHEAD;
    /** The fixed fields up to and including the magic byte. */
    private static final int BYTES_TO_MAGIC = RecordBatch.MAGIC_OFFSET + 1;

    private final int maxBatchBytes;
    private final boolean strict;
    private final boolean walkRecords;
    private final boolean verifyChecksum;
    private final RecordReadLimits readLimits;

    private RecordBatchValidator(int maxBatchBytes, boolean strict, boolean walkRecords, boolean verifyChecksum,
                                 RecordReadLimits readLimits) {
        if (maxBatchBytes < RecordBatch.HEADER_SIZE) {
            throw new IllegalArgumentException("maxBatchBytes " + maxBatchBytes + " is under the batch header size");
        }
        this.maxBatchBytes = maxBatchBytes;
        this.strict = strict;
        this.walkRecords = walkRecords;
        this.verifyChecksum = verifyChecksum;
        this.readLimits = readLimits;
    }

    /**
     * Strict checks for a batch a client produced, with a walk of every record.
     *
     * @param maxBatchBytes the largest batch accepted, log overhead included (Kafka's message.max.bytes)
     */
    public static RecordBatchValidator forProduce(int maxBatchBytes) {
        return new RecordBatchValidator(maxBatchBytes, true, true, true, RecordReadLimits.DEFAULT);
    }

    /**
     * Checks for a batch read back from a log: compacted batches (gaps, or no records at all) pass,
     * and records are not walked unless {@link #withRecordWalk} asks for it.
     *
     * @param maxBatchBytes the largest batch accepted, log overhead included
     */
    public static RecordBatchValidator forRecovery(int maxBatchBytes) {
        return new RecordBatchValidator(maxBatchBytes, false, false, true, RecordReadLimits.DEFAULT);
    }

    /** A copy that does or does not walk every record. */
    public RecordBatchValidator withRecordWalk(boolean walk) {
        return new RecordBatchValidator(maxBatchBytes, strict, walk, verifyChecksum, readLimits);
    }

    /**
     * A copy that does or does not compute the CRC-32C: a log loaded after a clean shutdown skips it
     * (the bytes were checked when appended), and checks only the structure.
     */
    public RecordBatchValidator withChecksum(boolean verify) {
        return new RecordBatchValidator(maxBatchBytes, strict, walkRecords, verify, readLimits);
    }

    /** A copy that reads compressed records within {@code limits}. */
    public RecordBatchValidator withReadLimits(RecordReadLimits limits) {
        return new RecordBatchValidator(maxBatchBytes, strict, walkRecords, verifyChecksum, limits);
    }

    /**
     * Validates the batch starting at {@code start}; bytes after it are not looked at.
     *
     * @param buffer holds the batch; its position and limit are not moved (the limit bounds the batch)
     * @param start  absolute index of the batch's first byte
     * @return a view of the valid batch
     * @throws CorruptRecordException saying what is wrong
     */
    public RecordBatch validate(ByteBuffer buffer, int start) {
        int available = buffer.limit() - start;
        if (start < 0 || available < BYTES_TO_MAGIC) {
            throw new CorruptRecordException(Reason.INVALID_BATCH_LENGTH,
                    "only " + Math.max(available, 0) + " bytes, not even a batch header");
        }
        RecordBatch batch = new RecordBatch(buffer, start);
        validate(batch);
        return batch;
    }

    /**
     * Validates every batch in the buffer's position..limit, which must end exactly at a batch end.
     *
     * @return the number of batches
     * @throws CorruptRecordException for the first batch that fails
     */
    public int validateAll(ByteBuffer buffer) {
        int batches = 0;
        int position = buffer.position();
        while (position < buffer.limit()) {
            position += validate(buffer, position).sizeInBytes();
            batches++;
        }
        return batches;
    }

    /** Sees each record of the walk, after the record passed the structural checks. */
    @FunctionalInterface
    public interface RecordCheck {
        /** Checks nothing. */
        RecordCheck NONE = (record, index) -> { };

        /**
         * @param record a view valid only during the call
         * @param index  the record's position in the batch, from 0
         */
        void check(Record record, int index);
    }

    /**
     * Validates a batch view.
     *
     * @throws CorruptRecordException saying what is wrong
     */
    public void validate(RecordBatch batch) {
        validate(batch, RecordCheck.NONE);
    }

    /**
     * Validates a batch view, showing each record of the walk to {@code check} (not called when
     * this validator does not walk records).
     *
     * @throws CorruptRecordException saying what is wrong
     */
    public void validate(RecordBatch batch, RecordCheck check) {
        int available = batch.buffer().limit() - batch.start();
        if (available < BYTES_TO_MAGIC) {
            throw new CorruptRecordException(Reason.INVALID_BATCH_LENGTH, "only " + available + " bytes");
        }
        if (batch.magic() != RecordBatch.MAGIC_V2) {
            throw new CorruptRecordException(Reason.UNSUPPORTED_MAGIC,
                    "magic " + batch.magic() + ", only 2 is accepted");
        }
        checkLength(batch, available);
        if (verifyChecksum) {
            batch.ensureValid();
        }
        CompressionType compression = batch.compressionType();
        checkRecordsCount(batch, compression);
        if (walkRecords) {
            walk(batch, check);
        }
    }

    private void checkLength(RecordBatch batch, int available) {
        int batchLength = batch.batchLength();
        if (batchLength < RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD) {
            throw new CorruptRecordException(Reason.INVALID_BATCH_LENGTH, "batchLength " + batchLength
                    + " is under the header size " + (RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD));
        }
        if (batchLength > maxBatchBytes - RecordBatch.LOG_OVERHEAD) {
            throw new CorruptRecordException(Reason.INVALID_BATCH_LENGTH, "batch of "
                    + (batchLength + RecordBatch.LOG_OVERHEAD) + " bytes is over the maximum " + maxBatchBytes);
        }
        if (batchLength > available - RecordBatch.LOG_OVERHEAD) {
            throw new CorruptRecordException(Reason.INVALID_BATCH_LENGTH, "batch of "
                    + (batchLength + RecordBatch.LOG_OVERHEAD) + " bytes is cut off at " + available + " bytes");
        }
    }

    private void checkRecordsCount(RecordBatch batch, CompressionType compression) {
        int count = batch.recordsCount();
        int lastOffsetDelta = batch.lastOffsetDelta();
        if (count < 0 || lastOffsetDelta < 0 || count > (long) lastOffsetDelta + 1) {
            throw new CorruptRecordException(Reason.INVALID_RECORDS_COUNT,
                    "recordsCount " + count + " with lastOffsetDelta " + lastOffsetDelta);
        }
        if (strict && (count == 0 || count != lastOffsetDelta + 1)) {
            throw new CorruptRecordException(Reason.INVALID_RECORDS_COUNT, "a produced batch needs recordsCount "
                    + "= lastOffsetDelta + 1 >= 1, got " + count + " and " + lastOffsetDelta);
        }
        int recordBytes = batch.sizeInBytes() - RecordBatch.HEADER_SIZE;
        if (compression == CompressionType.NONE && count > recordBytes / RecordParser.MIN_RECORD_BYTES) {
            throw new CorruptRecordException(Reason.INVALID_RECORDS_COUNT,
                    "recordsCount " + count + " cannot fit in " + recordBytes + " bytes");
        }
    }

    private void walk(RecordBatch batch, RecordCheck check) {
        long baseOffset = batch.baseOffset();
        int lastOffsetDelta = batch.lastOffsetDelta();
        long previousDelta = -1;
        int index = 0;
        try (RecordIterator records = batch.records(readLimits)) {
            while (records.hasNext()) {
                Record record = records.next();
                long delta = record.offset() - baseOffset;
                boolean inOrder = strict ? delta == index : delta > previousDelta && delta <= lastOffsetDelta;
                if (!inOrder) {
                    throw new CorruptRecordException(Reason.INVALID_RECORD, "record " + index + " has offsetDelta "
                            + delta + " (previous " + previousDelta + ", lastOffsetDelta " + lastOffsetDelta + ")");
                }
                if (batch.isControlBatch()) {
                    ControlRecordType type = ControlRecordType.of(record);
                    if (type.isTransactionMarker()) {
                        EndTransactionMarker.read(record);
                    }
                }
                check.check(record, index);
                previousDelta = delta;
                index++;
            }
        }
        if (strict && batch.isControlBatch() && index != 1) {
            throw new CorruptRecordException(Reason.INVALID_CONTROL_RECORD,
                    "a control batch holds " + index + " records instead of 1");
        }
    }
}
