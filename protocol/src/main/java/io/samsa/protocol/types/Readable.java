package io.samsa.protocol.types;

import io.samsa.protocol.ProtocolDecodeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A source of Kafka wire-format values, read front to back. Generated message classes decode
 * through this interface only. Every length an implementation is handed is checked against the
 * bytes remaining (and its configured maximum) before anything is allocated; every failure is a
 * {@link ProtocolDecodeException}.
 *
 * <p>The default methods implement the length-prefixed forms (classic int16/int32 lengths and the
 * compact unsigned-varint "length + 1" forms of flexible versions) on top of the primitives.
 *
 * <p>Not thread-safe: one decoder reads one instance.
 */
public interface Readable {

    byte readByte();

    short readShort();

    int readInt();

    long readLong();

    double readDouble();

    /** An unsigned LEB128 varint of at most 5 bytes; values over 2^31-1 come back negative. */
    int readUnsignedVarint();

    /** A zig-zag signed varint of at most 5 bytes. */
    int readVarint();

    /** A zig-zag signed varlong of at most 10 bytes. */
    long readVarlong();

    Uuid readUuid();

    /** The next {@code length} bytes as UTF-8; the length is checked before decoding. */
    String readString(int length);

    /** A copy of the next {@code length} bytes. */
    byte[] readBytes(int length);

    /** A view of the next {@code length} bytes (no copy); position 0..length of the view. */
    ByteBuffer readSlice(int length);

    /** Bytes left to read. */
    int remaining();

    /** Rejects an element count over the bytes remaining or the configured maximum. */
    void checkArrayLength(int count);

    // ---- length-prefixed forms -------------------------------------------------------------

    /** A string: int16 length (classic) or varint length + 1 (compact). */
    default String readStringField(boolean compact, boolean nullable) {
        int length = compact ? readUnsignedVarint() - 1 : readShort();
        if (length < 0) {
            return nullOrFail(length, nullable, "string");
        }
        return readString(length);
    }

    /** Bytes: int32 length (classic) or varint length + 1 (compact). */
    default byte[] readBytesField(boolean compact, boolean nullable) {
        int length = compact ? readUnsignedVarint() - 1 : readInt();
        if (length < 0) {
            return nullOrFail(length, nullable, "bytes");
        }
        return readBytes(length);
    }

    /** Records as a zero-copy view, length-prefixed like bytes. */
    default ByteBuffer readRecordsField(boolean compact, boolean nullable) {
        int length = compact ? readUnsignedVarint() - 1 : readInt();
        if (length < 0) {
            return nullOrFail(length, nullable, "records");
        }
        return readSlice(length);
    }

    /** An array's element count, or -1 for a null array where nullable. */
    default int readArrayLength(boolean compact, boolean nullable) {
        int count = compact ? readUnsignedVarint() - 1 : readInt();
        if (count < 0) {
            nullOrFail(count, nullable, "array");
            return -1;
        }
        checkArrayLength(count);
        return count;
    }

    /** A nullable struct's presence byte: -1 for null, 1 for present. */
    default boolean readStructPresence(boolean nullable) {
        byte marker = readByte();
        if (marker == 1) {
            return true;
        }
        if (marker == -1 && nullable) {
            return false;
        }
        throw new ProtocolDecodeException("illegal struct presence marker " + marker);
    }

    /** Reads an unknown tagged field's bytes and appends it to {@code into} (created if null). */
    default List<RawTaggedField> readUnknownTaggedField(
            List<RawTaggedField> into, int tag, int size) {
        List<RawTaggedField> list = into == null ? new ArrayList<>() : into;
        list.add(new RawTaggedField(tag, readBytes(size)));
        return list;
    }

    /** The number of tagged fields that follows in a flexible struct, checked against remaining. */
    default int readTaggedFieldCount() {
        return readVarintBoundedByRemaining("tagged field count");
    }

    /** A tagged field's size, checked against the bytes remaining. */
    default int readTaggedFieldSize() {
        return readVarintBoundedByRemaining("tagged field size");
    }

    private int readVarintBoundedByRemaining(String what) {
        int value = readUnsignedVarint();
        if (value < 0 || value > remaining()) {
            throw new ProtocolDecodeException(what + " " + Integer.toUnsignedString(value)
                    + " exceeds the " + remaining() + " bytes remaining");
        }
        return value;
    }

    /**
     * A whole tagged-field section (count, then tag/size/bytes per field) kept raw: for structures
     * with no known tags, such as request header v2 and response header v1. Null when empty.
     */
    default List<RawTaggedField> readRawTaggedFields() {
        int count = readTaggedFieldCount();
        List<RawTaggedField> fields = null;
        for (int i = 0; i < count; i++) {
            int tag = readUnsignedVarint();
            fields = readUnknownTaggedField(fields, tag, readTaggedFieldSize());
        }
        return fields;
    }

    private static <T> T nullOrFail(int length, boolean nullable, String what) {
        if (length == -1 && nullable) {
            return null;
        }
        if (length == -1) {
            throw new ProtocolDecodeException("non-nullable " + what + " was null");
        }
        throw new ProtocolDecodeException("negative " + what + " length " + length);
    }
}
