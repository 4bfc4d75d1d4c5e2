package io.samsa.protocol.types;

import io.samsa.protocol.record.Records;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A sink for Kafka wire-format values. Generated message classes encode through this interface
 * only; {@link ByteBufferWritable} writes to heap or direct buffers, and the broker supplies its own
 * implementation that sends file-backed {@link Records} without copying them.
 *
 * <p>The default methods implement the length-prefixed forms. Strings are encoded to UTF-8 once,
 * when written; {@code size()} measures them with a char scan and never encodes them.
 *
 * <p>Not thread-safe.
 */
public interface Writable {

    void writeByte(byte value);

    void writeShort(short value);

    void writeInt(int value);

    void writeLong(long value);

    void writeDouble(double value);

    void writeUnsignedVarint(int value);

    void writeVarint(int value);

    void writeVarlong(long value);

    void writeUuid(Uuid value);

    void writeByteArray(byte[] bytes);

    /** Writes the bytes between the buffer's position and limit without moving its position. */
    void writeByteBuffer(ByteBuffer buffer);

    /** Writes the record bytes; implementations may send them without copying. */
    void writeRecords(Records records);

    // ---- length-prefixed forms -------------------------------------------------------------

    /**
     * A non-null string: int16 length (classic) or varint length + 1 (compact), then UTF-8. Encoded
     * once, here, with the JDK's intrinsic encoder; {@code size()} only measures (a char scan).
     */
    default void writeStringField(String value, boolean compact) {
        if (value == null) {
            throw new NullPointerException("a non-nullable string field was null");
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (compact) {
            writeUnsignedVarint(utf8.length + 1);
        } else {
            if (utf8.length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("string of " + utf8.length + " bytes exceeds the int16 length limit");
            }
            writeShort((short) utf8.length);
        }
        writeByteArray(utf8);
    }

    default void writeNullableStringField(String value, boolean compact) {
        if (value == null) {
            writeNullLength(compact, false);
        } else {
            writeStringField(value, compact);
        }
    }

    default void writeBytesField(byte[] value, boolean compact) {
        if (value == null) {
            throw new NullPointerException("a non-nullable bytes field was null");
        }
        writeLength(value.length, compact);
        writeByteArray(value);
    }

    default void writeNullableBytesField(byte[] value, boolean compact) {
        if (value == null) {
            writeNullLength(compact, true);
        } else {
            writeBytesField(value, compact);
        }
    }

    default void writeRecordsField(Records value, boolean compact) {
        if (value == null) {
            throw new NullPointerException("a non-nullable records field was null");
        }
        writeLength(value.sizeInBytes(), compact);
        writeRecords(value);
    }

    default void writeNullableRecordsField(Records value, boolean compact) {
        if (value == null) {
            writeNullLength(compact, true);
        } else {
            writeRecordsField(value, compact);
        }
    }

    /** An array's element count (int32 classic or varint count + 1 compact). */
    default void writeArrayLength(int count, boolean compact) {
        writeLength(count, compact);
    }

    /** A null array's count, -1 (int32 classic) or 0 (compact). */
    default void writeNullArrayLength(boolean compact) {
        writeNullLength(compact, true);
    }

    /** A whole tagged-field section of raw fields (null or empty: just the zero count). */
    default void writeRawTaggedFields(List<RawTaggedField> fields) {
        writeUnsignedVarint(fields == null ? 0 : fields.size());
        RawTaggedFieldWriter.of(fields).writeRest(this);
    }

    private void writeLength(int length, boolean compact) {
        if (compact) {
            writeUnsignedVarint(length + 1);
        } else {
            writeInt(length);
        }
    }

    /** -1 as int16 (classic strings), -1 as int32 (classic bytes/arrays), or varint 0 (compact). */
    private void writeNullLength(boolean compact, boolean int32) {
        if (compact) {
            writeUnsignedVarint(0);
        } else if (int32) {
            writeInt(-1);
        } else {
            writeShort((short) -1);
        }
    }
}
