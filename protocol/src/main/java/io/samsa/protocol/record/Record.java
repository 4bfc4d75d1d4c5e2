package io.samsa.protocol.record;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;

/**
 * One record of a magic-2 batch, as a view: the absolute fields (offset, timestamp, sequence) are
 * resolved against the batch when the record is read, while key, value and headers stay where they
 * are in the buffer and are sliced only when asked for. For an uncompressed batch that buffer is the
 * batch's own; for a compressed one it is this record's decompressed bytes.
 *
 * <pre>
 * length          varint   bytes after this field
 * attributes      int8     unused, 0
 * timestampDelta  varlong  from the batch's baseTimestamp
 * offsetDelta     varint   from the batch's baseOffset
 * keyLength       varint   -1 for a null key
 * key             bytes
 * valueLength     varint   -1 for a null value
 * value           bytes
 * headersCount    varint
 * headers         [keyLength varint, key UTF-8, valueLength varint (-1 null), value]*
 * </pre>
 *
 * <p>Immutable and thread-safe as long as the underlying buffer is not changed.
 */
public final class Record {
    private final ByteBuffer buffer;
    private final long offset;
    private final long timestamp;
    private final int sequence;
    private final byte attributes;
    private final int sizeInBytes;
    private final int keyIndex;
    private final int keySize;
    private final int valueIndex;
    private final int valueSize;
    private final int headersIndex;
    private final int headerCount;

    /** Built by {@link RecordParser} once every length has been checked against the buffer. */
    Record(ByteBuffer buffer, long offset, long timestamp, int sequence, byte attributes, int sizeInBytes,
           int keyIndex, int keySize, int valueIndex, int valueSize, int headersIndex, int headerCount) {
        this.buffer = buffer;
        this.offset = offset;
        this.timestamp = timestamp;
        this.sequence = sequence;
        this.attributes = attributes;
        this.sizeInBytes = sizeInBytes;
        this.keyIndex = keyIndex;
        this.keySize = keySize;
        this.valueIndex = valueIndex;
        this.valueSize = valueSize;
        this.headersIndex = headersIndex;
        this.headerCount = headerCount;
    }

    /** The absolute offset: the batch's baseOffset plus this record's offsetDelta. */
    public long offset() {
        return offset;
    }

    /** The timestamp in ms: baseTimestamp plus delta, or the batch's maxTimestamp under LogAppendTime. */
    public long timestamp() {
        return timestamp;
    }

    /** The producer sequence: the batch's baseSequence plus offsetDelta (wrapping), or -1. */
    public int sequence() {
        return sequence;
    }

    public byte attributes() {
        return attributes;
    }

    /** Bytes this record occupies in its batch, including its length varint. */
    public int sizeInBytes() {
        return sizeInBytes;
    }

    public boolean hasKey() {
        return keySize >= 0;
    }

    /** The key length in bytes, or -1 for a null key. */
    public int keySize() {
        return keySize;
    }

    /** A fresh slice over the key bytes (position 0), or null. No bytes are copied. */
    public ByteBuffer key() {
        return keySize < 0 ? null : buffer.slice(keyIndex, keySize);
    }

    public boolean hasValue() {
        return valueSize >= 0;
    }

    /** The value length in bytes, or -1 for a null value. */
    public int valueSize() {
        return valueSize;
    }

    /** A fresh slice over the value bytes (position 0), or null. No bytes are copied. */
    public ByteBuffer value() {
        return valueSize < 0 ? null : buffer.slice(valueIndex, valueSize);
    }

    public int headerCount() {
        return headerCount;
    }

    /**
     * The headers in order as a fixed-size list, decoded on each call (keys become Strings, values
     * are slices). The bytes were checked when the record was read, so this cannot fail on an
     * unchanged buffer.
     */
    public List<RecordHeader> headers() {
        return headerCount == 0 ? Collections.emptyList() : RecordParser.readHeaders(buffer, headersIndex, headerCount);
    }

    @Override
    public String toString() {
        return "Record(offset=" + offset + ", timestamp=" + timestamp + ", keySize=" + keySize
                + ", valueSize=" + valueSize + ", headers=" + headerCount + ")";
    }
}
