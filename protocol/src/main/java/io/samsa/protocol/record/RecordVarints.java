package io.samsa.protocol.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Zigzag variable-length integers as used inside records (Protocol Buffers' sint32/sint64): the
 * value is mapped by {@code (n << 1) ^ (n >> 31)} so small negatives stay short, then written 7 bits
 * a byte, low group first, high bit set on every byte but the last. An int takes at most 5 bytes and
 * a long at most 10; longer or truncated encodings raise {@link CorruptRecordException}.
 *
 * <p>Not the unsigned varints of the flexible message versions; those live with the generated
 * message code. Stateless, so thread-safe.
 */
public final class RecordVarints {
    private static final int MAX_VARINT_BYTES = 5;
    private static final int MAX_VARLONG_BYTES = 10;

    private RecordVarints() {
    }

    /** Reads a zigzag varint at the buffer's position and advances it; never reads past the limit. */
    public static int readVarint(ByteBuffer buffer) {
        int raw = 0;
        for (int shift = 0, i = 0; i < MAX_VARINT_BYTES; i++, shift += 7) {
            if (!buffer.hasRemaining()) {
                throw truncated();
            }
            byte b = buffer.get();
            raw |= (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptRecordException(CorruptRecordException.Reason.INVALID_RECORD, "varint longer than 5 bytes");
    }

    /** Reads a zigzag varlong at the buffer's position and advances it; never reads past the limit. */
    public static long readVarlong(ByteBuffer buffer) {
        long raw = 0;
        for (int shift = 0, i = 0; i < MAX_VARLONG_BYTES; i++, shift += 7) {
            if (!buffer.hasRemaining()) {
                throw truncated();
            }
            byte b = buffer.get();
            raw |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptRecordException(CorruptRecordException.Reason.INVALID_RECORD, "varlong longer than 10 bytes");
    }

    /**
     * Reads a zigzag varint from a stream.
     *
     * @return the value
     * @throws CorruptRecordException if the stream ends inside the varint or it is over 5 bytes
     */
    public static int readVarint(InputStream in) throws IOException {
        int raw = 0;
        for (int shift = 0, i = 0; i < MAX_VARINT_BYTES; i++, shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw truncated();
            }
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new CorruptRecordException(CorruptRecordException.Reason.INVALID_RECORD, "varint longer than 5 bytes");
    }

    /** The number of bytes {@code value} takes as a zigzag varint: 1 to 5. */
    public static int sizeOfVarint(int value) {
        int raw = (value << 1) ^ (value >> 31);
        return (38 - Integer.numberOfLeadingZeros(raw | 1)) / 7;
    }

    /** The number of bytes {@code value} takes as a zigzag varlong: 1 to 10. */
    public static int sizeOfVarlong(long value) {
        long raw = (value << 1) ^ (value >> 63);
        return (70 - Long.numberOfLeadingZeros(raw | 1)) / 7;
    }

    /**
     * Writes a zigzag varint into {@code dest} at {@code index}.
     *
     * @return the index just after the last byte written
     */
    public static int writeVarint(int value, byte[] dest, int index) {
        int raw = (value << 1) ^ (value >> 31);
        while ((raw & ~0x7f) != 0) {
            dest[index++] = (byte) ((raw & 0x7f) | 0x80);
            raw >>>= 7;
        }
        dest[index++] = (byte) raw;
        return index;
    }

    /**
     * Writes a zigzag varlong into {@code dest} at {@code index}.
     *
     * @return the index just after the last byte written
     */
    public static int writeVarlong(long value, byte[] dest, int index) {
        long raw = (value << 1) ^ (value >> 63);
        while ((raw & ~0x7fL) != 0) {
            dest[index++] = (byte) ((raw & 0x7f) | 0x80);
            raw >>>= 7;
        }
        dest[index++] = (byte) raw;
        return index;
    }

    /** Writes a zigzag varint to a stream. */
    public static void writeVarint(int value, OutputStream out) throws IOException {
        int raw = (value << 1) ^ (value >> 31);
        while ((raw & ~0x7f) != 0) {
            out.write((raw & 0x7f) | 0x80);
            raw >>>= 7;
        }
        out.write(raw);
    }

    private static CorruptRecordException truncated() {
        return new CorruptRecordException(CorruptRecordException.Reason.INVALID_RECORD,
                "varint runs past the end of its record");
    }
}
