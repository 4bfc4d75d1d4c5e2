package io.samsa.protocol.record;

import io.samsa.protocol.record.CorruptRecordException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads records of one batch out of a buffer, checking every length against the bytes that are
 * really there before using it. It holds the batch fields a record is resolved against (base
 * offset, base timestamp, LogAppendTime, base sequence) and produces {@link Record} views.
 *
 * <p>Offsets are not checked for order here (Kafka's readers do not either); the validator does that.
 *
 * <p>Immutable; safe to share, though each iteration makes its own.
 */
final class RecordParser {
    /** The smallest record body: attributes, then six one-byte varints (after the length varint). */
    static final int MIN_RECORD_BODY_BYTES = 6;
    /** The smallest record including its length varint. */
    static final int MIN_RECORD_BYTES = MIN_RECORD_BODY_BYTES + 1;

    private final long baseOffset;
    private final long baseTimestamp;
    private final long logAppendTime;
    private final boolean isLogAppendTime;
    private final int baseSequence;

    RecordParser(RecordBatch batch) {
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        this.isLogAppendTime = batch.isLogAppendTime();
        this.logAppendTime = batch.maxTimestamp();
        this.baseSequence = batch.baseSequence();
    }

    /**
     * Reads one record, length varint included, starting at {@code view}'s position and not going
     * past its limit; leaves the position just after the record.
     */
    Record readRecord(ByteBuffer view) {
        int start = view.position();
        int bodyLength = RecordVarints.readVarint(view);
        if (bodyLength < MIN_RECORD_BODY_BYTES || bodyLength > view.remaining()) {
            throw invalid("record length " + bodyLength + " with " + view.remaining() + " bytes left in the batch");
        }
        int bodyStart = view.position();
        int limit = view.limit();
        view.limit(bodyStart + bodyLength);
        Record record = readBody(view, bodyStart - start + bodyLength);
        view.limit(limit);
        return record;
    }

    /**
     * Reads one record body spanning exactly {@code view}'s position to its limit.
     *
     * @param sizeInBytes the record's full size including its length varint
     */
    Record readBody(ByteBuffer view, int sizeInBytes) {
        if (view.remaining() < MIN_RECORD_BODY_BYTES) {
            throw invalid("record body of " + view.remaining() + " bytes is under the minimum");
        }
        byte attributes = view.get();
        long timestampDelta = RecordVarints.readVarlong(view);
        int offsetDelta = RecordVarints.readVarint(view);
        int keySize = readLength(view, "key");
        int keyIndex = skip(view, keySize);
        int valueSize = readLength(view, "value");
        int valueIndex = skip(view, valueSize);
        int headerCount = RecordVarints.readVarint(view);
        // every header takes at least two bytes (two empty lengths)
        if (headerCount < 0 || headerCount > view.remaining() / 2) {
            throw invalid("header count " + headerCount + " with " + view.remaining() + " bytes left in the record");
        }
        int headersIndex = view.position();
        for (int i = 0; i < headerCount; i++) {
            int headerKeySize = RecordVarints.readVarint(view);
            if (headerKeySize < 0 || headerKeySize > view.remaining()) {
                throw invalid("header key length " + headerKeySize + " with " + view.remaining() + " bytes left");
            }
            view.position(view.position() + headerKeySize);
            skip(view, readLength(view, "header value"));
        }
        if (view.hasRemaining()) {
            throw invalid(view.remaining() + " bytes left over after the record's headers");
        }
        long timestamp = isLogAppendTime ? logAppendTime : baseTimestamp + timestampDelta;
        return new Record(view, baseOffset + offsetDelta, timestamp, sequence(offsetDelta), attributes, sizeInBytes,
                keyIndex, keySize, valueIndex, valueSize, headersIndex, headerCount);
    }

    static String utf8(ByteBuffer buffer, int index, int length) {
        if (buffer.hasArray()) {
            return new String(buffer.array(), buffer.arrayOffset() + index, length, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[length];
        buffer.get(index, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private int sequence(int offsetDelta) {
        if (baseSequence < 0) {
            return RecordBatch.NO_SEQUENCE;
        }
        long sequence = (long) baseSequence + offsetDelta;
        return (int) (sequence > Integer.MAX_VALUE ? sequence - Integer.MAX_VALUE - 1 : sequence);
    }

    /** A length varint that may be -1 (null) but no other negative and no more than what is left. */
    private static int readLength(ByteBuffer view, String what) {
        int length = RecordVarints.readVarint(view);
        if (length < -1 || length > view.remaining()) {
            throw invalid(what + " length " + length + " with " + view.remaining() + " bytes left in the record");
        }
        return length;
    }

    /** Skips a checked length (nothing for null) and returns where the skipped bytes began. */
    private static int skip(ByteBuffer view, int length) {
        int index = view.position();
        if (length > 0) {
            view.position(index + length);
        }
        return index;
    }

    static CorruptRecordException invalid(String message) {
        return new CorruptRecordException(Reason.INVALID_RECORD, message);
    }
}
