package io.samsa.storage;

import io.samsa.protocol.record.CorruptRecordException;
import io.samsa.protocol.record.CorruptRecordException.Reason;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordVarints;

import java.nio.ByteBuffer;

/**
 * Steps through the records of one uncompressed v2 batch in place, exposing each record's offset,
 * timestamp, key and value bounds. Storage needs only this much of the record layout (timestamp
 * search and compaction); full record decoding lives in the protocol module.
 *
 * <pre>
 * record:  length varint | attributes int8 | timestampDelta varlong | offsetDelta varint
 *          | keyLength varint | key | valueLength varint | value | headerCount varint | headers
 * </pre>
 * All varints are zig-zag encoded. A length of -1 means null.
 *
 * <p>Not thread-safe; a flyweight over the batch's buffer.
 */
final class RecordCursor {
    private final ByteBuffer buffer;
    /** The buffer limited to this batch, so a varint can never be read past it. */
    private final ByteBuffer view;
    private final long baseOffset;
    private final long baseTimestamp;
    private final int end;
    private int remaining;
    private int position;

    private int recordStart;
    private int recordEnd;
    private int bodyStart;
    private long timestampMs;
    private long offset;
    private int keyStart;
    private int keyLength;
    private int valueLength;

    /** @param batch an uncompressed batch (compressionId 0) */
    RecordCursor(RecordBatch batch) {
        if (batch.compressionId() != 0) {
            throw new IllegalArgumentException("compressed batch");
        }
        this.buffer = batch.buffer();
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        this.position = batch.start() + RecordBatch.RECORDS_OFFSET;
        this.end = batch.start() + batch.sizeInBytes();
        this.view = buffer.duplicate().limit(end);
        this.remaining = batch.recordsCount();
    }

    /**
     * Moves to the next record.
     *
     * @return false after the last record
     * @throws CorruptRecordException when a record runs past the batch or has a bad length
     */
    boolean next() {
        if (remaining <= 0) {
            return false;
        }
        remaining--;
        recordStart = position;
        int length = readVarint();
        if (length < 0 || position + length > end) {
            throw new CorruptRecordException(Reason.INVALID_RECORD, "record length " + length + " runs past its batch");
        }
        bodyStart = position;
        recordEnd = position + length;
        position++; // attributes
        timestampMs = baseTimestamp + readVarlong();
        offset = baseOffset + readVarint();
        keyLength = readVarint();
        keyStart = position;
        if (keyLength > 0) {
            position += keyLength;
        }
        valueLength = readVarint();
        if (position > recordEnd || keyLength < -1 || valueLength < -1) {
            throw new CorruptRecordException(Reason.INVALID_RECORD, "record fields run past the record");
        }
        position = recordEnd;
        return true;
    }

    long offset() {
        return offset;
    }

    long timestampMs() {
        return timestampMs;
    }

    boolean hasKey() {
        return keyLength >= 0;
    }

    /** A view of the key bytes; valid while the batch's buffer is. */
    ByteBuffer key() {
        ByteBuffer key = buffer.duplicate();
        key.limit(keyStart + Math.max(keyLength, 0)).position(keyStart);
        return key.slice();
    }

    /** A record with a null value: a delete marker under compaction. */
    boolean isTombstone() {
        return valueLength < 0;
    }

    /** The first byte of the record, including its length prefix. */
    int recordStart() {
        return recordStart;
    }

    /** The byte after the record. */
    int recordEnd() {
        return recordEnd;
    }

    int bodyStart() {
        return bodyStart;
    }

    private int readVarint() {
        view.position(position);
        int value = RecordVarints.readVarint(view);
        position = view.position();
        return value;
    }

    private long readVarlong() {
        view.position(position);
        long value = RecordVarints.readVarlong(view);
        position = view.position();
        return value;
    }
}
