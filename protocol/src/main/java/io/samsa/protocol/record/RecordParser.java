package io.samsa.protocol.record;

import io.samsa.protocol.record.CorruptRecordException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads records of one batch out of a buffer, checking every length against the bytes that are
 * really there before using it. It holds the batch fields a record is resolved against (base
 * offset, base timestamp, LogAppendTime, base sequence) and produces {@link Record} views.
 *
 * <p>This is the hot loop of every fetch and produce, so it reads with absolute indices and a cursor
 * field rather than moving the buffer's position and limit, and allocates nothing but the
 * {@link Record}.
 *
 * <p>Offsets are not checked for order here (Kafka's readers do not either); the validator does
 * that. Not thread-safe: one parser per iteration.
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

    private ByteBuffer buffer;
    private int position;
    private int end;

    /** A bare cursor for {@link #readHeaders}, which needs no batch fields. */
    private RecordParser(ByteBuffer buffer, int position) {
        this(0L, 0L, false, 0L, RecordBatch.NO_SEQUENCE);
        this.buffer = buffer;
        this.position = position;
        this.end = buffer.limit();
    }

    private RecordParser(long baseOffset, long baseTimestamp, boolean isLogAppendTime, long logAppendTime,
                         int baseSequence) {
        this.baseOffset = baseOffset;
        this.baseTimestamp = baseTimestamp;
        this.isLogAppendTime = isLogAppendTime;
        this.logAppendTime = logAppendTime;
        this.baseSequence = baseSequence;
    }

    RecordParser(RecordBatch batch) {
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        this.isLogAppendTime = batch.isLogAppendTime();
        this.logAppendTime = batch.maxTimestamp();
        this.baseSequence = batch.baseSequence();
    }

    /**
     * Reads one record, length varint included, from {@code start}, not reading at or past
     * {@code limit}; afterwards {@link #position()} is just past the record.
     */
    Record readRecord(ByteBuffer source, int start, int limit) {
        this.buffer = source;
        this.position = start;
        this.end = limit;
        int bodyLength = readVarint();
        if (bodyLength < MIN_RECORD_BODY_BYTES || bodyLength > end - position) {
            throw badLength("record length", bodyLength);
        }
        end = position + bodyLength;
        return readBody(end - start);
    }

    /**
     * Reads one record body spanning exactly {@code start} to {@code limit} of {@code source}.
     *
     * @param sizeInBytes the record's full size including its length varint
     */
    Record readBody(ByteBuffer source, int start, int limit, int sizeInBytes) {
        this.buffer = source;
        this.position = start;
        this.end = limit;
        if (limit - start < MIN_RECORD_BODY_BYTES) {
            throw invalid("record body of " + (limit - start) + " bytes is under the minimum");
        }
        return readBody(sizeInBytes);
    }

    /** The index just past the last record read. */
    int position() {
        return position;
    }

    private Record readBody(int sizeInBytes) {
        byte attributes = buffer.get(position++);
        long timestampDelta = readVarlong();
        int offsetDelta = readVarint();
        int keySize = readLength("key");
        int keyIndex = skip(keySize);
        int valueSize = readLength("value");
        int valueIndex = skip(valueSize);
        int headerCount = readVarint();
        // every header takes at least two bytes (two empty lengths)
        if (headerCount < 0 || headerCount > (end - position) / 2) {
            throw badLength("header count", headerCount);
        }
        int headersIndex = position;
        for (int i = 0; i < headerCount; i++) {
            int headerKeySize = readVarint();
            if (headerKeySize < 0 || headerKeySize > end - position) {
                throw badLength("header key length", headerKeySize);
            }
            position += headerKeySize;
            skip(readLength("header value"));
        }
        if (position != end) {
            throw invalid((end - position) + " bytes left over after the record's headers");
        }
        long timestamp = isLogAppendTime ? logAppendTime : baseTimestamp + timestampDelta;
        return new Record(buffer, baseOffset + offsetDelta, timestamp, sequence(offsetDelta), attributes, sizeInBytes,
                keyIndex, keySize, valueIndex, valueSize, headersIndex, headerCount);
    }

    // The readers below keep their common case (a one-byte varint) tiny so that the JIT inlines them
    // into readBody; longer encodings and every error go through separate, cold methods.

    private int readVarint() {
        if (position < end) {
            byte first = buffer.get(position);
            if (first >= 0) {
                position++;
                return (first >>> 1) ^ -(first & 1);
            }
        }
        return readLongerVarint();
    }

    private int readLongerVarint() {
        int raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (position >= end) {
                throw truncated();
            }
            byte b = buffer.get(position++);
            raw |= (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw invalid("varint longer than 5 bytes");
    }

    private long readVarlong() {
        if (position < end) {
            byte first = buffer.get(position);
            if (first >= 0) {
                position++;
                return (first >>> 1) ^ -(first & 1);
            }
        }
        return readLongerVarlong();
    }

    private long readLongerVarlong() {
        long raw = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (position >= end) {
                throw truncated();
            }
            byte b = buffer.get(position++);
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw invalid("varlong longer than 10 bytes");
    }

    /** A length varint that may be -1 (null) but no other negative and no more than what is left. */
    private int readLength(String what) {
        int length = readVarint();
        if (length < -1 || length > end - position) {
            throw badLength(what + " length", length);
        }
        return length;
    }

    private CorruptRecordException badLength(String what, int length) {
        return invalid(what + " " + length + " with " + (end - position) + " bytes left in the record");
    }

    /** Skips a checked length (nothing for null) and returns where the skipped bytes began. */
    private int skip(int length) {
        int index = position;
        if (length > 0) {
            position += length;
        }
        return index;
    }

    private int sequence(int offsetDelta) {
        if (baseSequence < 0) {
            return RecordBatch.NO_SEQUENCE;
        }
        long sequence = (long) baseSequence + offsetDelta;
        return (int) (sequence > Integer.MAX_VALUE ? sequence - Integer.MAX_VALUE - 1 : sequence);
    }

    /**
     * Decodes {@code count} headers that {@link #readRecord} already checked, starting at
     * {@code index}: keys become Strings, values are slices of {@code buffer}.
     */
    static List<RecordHeader> readHeaders(ByteBuffer buffer, int index, int count) {
        RecordParser cursor = new RecordParser(buffer, index);
        RecordHeader[] headers = new RecordHeader[count];
        for (int i = 0; i < count; i++) {
            int keyLength = cursor.readLength("header key");
            String key = utf8(buffer, cursor.position, keyLength);
            cursor.position += keyLength;
            int valueLength = cursor.readLength("header value");
            ByteBuffer value = valueLength < 0 ? null : buffer.slice(cursor.skip(valueLength), valueLength);
            headers[i] = new RecordHeader(key, value);
        }
        return count == 1 ? List.of(headers[0]) : Arrays.asList(headers);
    }

    static String utf8(ByteBuffer buffer, int index, int length) {
        if (buffer.hasArray()) {
            return new String(buffer.array(), buffer.arrayOffset() + index, length, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[length];
        buffer.get(index, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static CorruptRecordException invalid(String message) {
        return new CorruptRecordException(Reason.INVALID_RECORD, message);
    }

    private static CorruptRecordException truncated() {
        return invalid("varint runs past the end of its record");
    }
}
