package io.samsa.protocol.types;

import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.Records;
import java.nio.ByteBuffer;

/**
 * A {@link Writable} into a {@link ByteBuffer}: either a fixed buffer supplied by the caller
 * (overflowing it is a caller bug and throws {@link java.nio.BufferOverflowException}) or a growable
 * heap buffer that doubles as needed. {@link #putIntAt} back-patches a length prefix written before
 * the body was known, so a frame can be encoded in one pass without calling {@code size()} first.
 *
 * <p>Not thread-safe.
 */
public final class ByteBufferWritable implements Writable {
    private ByteBuffer buffer;
    private final boolean growable;

    /** Writes into {@code buffer} from its position; it never grows. */
    public ByteBufferWritable(ByteBuffer buffer) {
        this.buffer = buffer;
        this.growable = false;
    }

    private ByteBufferWritable(int initialCapacityBytes) {
        this.buffer = ByteBuffer.allocate(Math.max(16, initialCapacityBytes));
        this.growable = true;
    }

    /** A heap writer that starts at {@code initialCapacityBytes} and doubles when full. */
    public static ByteBufferWritable growable(int initialCapacityBytes) {
        return new ByteBufferWritable(initialCapacityBytes);
    }

    /** The current buffer (replaced when a growable writer grows); position is the write index. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Bytes written so far into a writer that started at position 0 (its write index). */
    public int position() {
        return buffer.position();
    }

    /** A view of everything written: from index 0 to the write index. */
    public ByteBuffer toByteBuffer() {
        return buffer.duplicate().flip();
    }

    /** Overwrites four bytes at {@code index} (for a length prefix) without moving the write index. */
    public void putIntAt(int index, int value) {
        buffer.putInt(index, value);
    }

    private void ensure(int bytes) {
        if (growable && buffer.remaining() < bytes) {
            long needed = (long) buffer.position() + bytes;
            long capacity = Math.max(needed, 2L * buffer.capacity());
            if (capacity > Integer.MAX_VALUE - 8) {
                capacity = needed;
            }
            ByteBuffer bigger = ByteBuffer.allocate((int) capacity);
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
    }

    @Override
    public void writeByte(byte value) {
        ensure(1);
        buffer.put(value);
    }

    @Override
    public void writeShort(short value) {
        ensure(2);
        buffer.putShort(value);
    }

    @Override
    public void writeInt(int value) {
        ensure(4);
        buffer.putInt(value);
    }

    @Override
    public void writeLong(long value) {
        ensure(8);
        buffer.putLong(value);
    }

    @Override
    public void writeDouble(double value) {
        ensure(8);
        buffer.putDouble(value);
    }

    @Override
    public void writeUnsignedVarint(int value) {
        ensure(5);
        int v = value;
        while ((v & 0xffffff80) != 0) {
            buffer.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buffer.put((byte) v);
    }

    @Override
    public void writeVarint(int value) {
        writeUnsignedVarint((value << 1) ^ (value >> 31));
    }

    @Override
    public void writeVarlong(long value) {
        ensure(10);
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xffffffffffffff80L) != 0L) {
            buffer.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buffer.put((byte) v);
    }

    @Override
    public void writeUuid(Uuid value) {
        ensure(16);
        buffer.putLong(value.mostSignificantBits());
        buffer.putLong(value.leastSignificantBits());
    }

    @Override
    public void writeByteArray(byte[] bytes) {
        ensure(bytes.length);
        buffer.put(bytes);
    }

    @Override
    public void writeByteBuffer(ByteBuffer source) {
        ensure(source.remaining());
        buffer.put(source.duplicate());
    }

    @Override
    public void writeRecords(Records records) {
        if (records instanceof MemoryRecords memory) {
            writeByteBuffer(memory.buffer());
        } else {
            throw new UnsupportedOperationException(records.getClass().getSimpleName()
                    + " must be written by a Writable that can send it (the broker's)");
        }
    }
}
