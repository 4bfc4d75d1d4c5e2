package io.samsa.protocol.types;

import io.samsa.protocol.ProtocolDecodeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A {@link Readable} over a {@link ByteBuffer} from its position to its limit, advancing the
 * position. Every read is bounds-checked: running off the end, a length over the bytes remaining
 * or over {@link DecodeLimits}, and a varint longer than its type all raise
 * {@link ProtocolDecodeException} before any allocation. Strings decode straight from a heap
 * buffer's array; slices share the buffer's memory.
 *
 * <p>Not thread-safe.
 */
public final class ByteBufferReadable implements Readable {
    private final ByteBuffer buffer;
    private final DecodeLimits limits;

    public ByteBufferReadable(ByteBuffer buffer) {
        this(buffer, DecodeLimits.DEFAULT);
    }

    public ByteBufferReadable(ByteBuffer buffer, DecodeLimits limits) {
        this.buffer = buffer;
        this.limits = limits;
    }

    /** The underlying buffer; its position is the next byte to read. */
    public ByteBuffer buffer() {
        return buffer;
    }

    @Override
    public byte readByte() {
        require(1);
        return buffer.get();
    }

    @Override
    public short readShort() {
        require(2);
        return buffer.getShort();
    }

    @Override
    public int readInt() {
        require(4);
        return buffer.getInt();
    }

    @Override
    public long readLong() {
        require(8);
        return buffer.getLong();
    }

    @Override
    public double readDouble() {
        require(8);
        return buffer.getDouble();
    }

    @Override
    public int readUnsignedVarint() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readByte();
            value |= (b & 0x7f) << shift;
            if (b >= 0) {
                if (shift == 28 && (b & 0x70) != 0) {
                    throw new ProtocolDecodeException("unsigned varint overflows 32 bits");
                }
                return value;
            }
        }
        throw new ProtocolDecodeException("unsigned varint longer than 5 bytes");
    }

    @Override
    public int readVarint() {
        int raw = readUnsignedVarint();
        return (raw >>> 1) ^ -(raw & 1);
    }

    @Override
    public long readVarlong() {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = readByte();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                if (shift == 63 && (b & 0x7e) != 0) {
                    throw new ProtocolDecodeException("varlong overflows 64 bits");
                }
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new ProtocolDecodeException("varlong longer than 10 bytes");
    }

    @Override
    public Uuid readUuid() {
        require(16);
        return new Uuid(buffer.getLong(), buffer.getLong());
    }

    @Override
    public String readString(int length) {
        checkLength(length, limits.maxStringBytes(), "string");
        String value;
        if (buffer.hasArray()) {
            value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
        } else {
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            value = new String(bytes, StandardCharsets.UTF_8);
        }
        return value;
    }

    @Override
    public byte[] readBytes(int length) {
        checkLength(length, limits.maxBytesLength(), "bytes");
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    @Override
    public ByteBuffer readSlice(int length) {
        checkLength(length, limits.maxBytesLength(), "slice");
        int start = buffer.position();
        ByteBuffer slice = buffer.slice(start, length);
        buffer.position(start + length);
        return slice;
    }

    @Override
    public int remaining() {
        return buffer.remaining();
    }

    @Override
    public void checkArrayLength(int count) {
        checkLength(count, limits.maxArrayLength(), "array");
    }

    private void require(int bytes) {
        if (buffer.remaining() < bytes) {
            throw new ProtocolDecodeException("needed " + bytes + " bytes but only " + buffer.remaining() + " remain");
        }
    }

    private void checkLength(int length, int maximum, String what) {
        if (length < 0) {
            throw new ProtocolDecodeException("negative " + what + " length " + length);
        }
        if (length > buffer.remaining()) {
            throw new ProtocolDecodeException(what + " length " + length + " exceeds the " + buffer.remaining()
                    + " bytes remaining");
        }
        if (length > maximum) {
            throw new ProtocolDecodeException(what + " length " + length + " exceeds the configured maximum " + maximum);
        }
    }

}
