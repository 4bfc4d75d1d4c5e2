package io.samsa.protocol.record;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One record header: a UTF-8 string key (never null) and a value that may be null. The value is a
 * read-only-by-contract view of the record's bytes when read, so it shares their lifetime.
 *
 * <p>Immutable apart from the value buffer's position, which readers should not move; use
 * {@link #valueBytes()} for a copy.
 *
 * @param key   the header key
 * @param value the header value, or null
 */
public record RecordHeader(String key, ByteBuffer value) {

    public RecordHeader {
        Objects.requireNonNull(key, "header key");
    }

    /** A header over a byte array value, which it wraps without copying; null stays null. */
    public static RecordHeader of(String key, byte[] value) {
        return new RecordHeader(key, value == null ? null : ByteBuffer.wrap(value));
    }

    /** A copy of the value bytes, or null for a null value. */
    public byte[] valueBytes() {
        if (value == null) {
            return null;
        }
        byte[] copy = new byte[value.remaining()];
        value.duplicate().get(copy);
        return copy;
    }
}
