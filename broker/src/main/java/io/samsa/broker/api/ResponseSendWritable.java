package io.samsa.broker.api;

import io.netty.buffer.Unpooled;
import io.samsa.broker.network.SharedFileRegion;
import io.samsa.protocol.record.FileSliceRecords;
import io.samsa.protocol.record.Records;
import io.samsa.protocol.types.ByteBufferWritable;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.types.Writable;
import java.nio.ByteBuffer;

/**
 * Encodes a response body into a {@link ResponseSend}: everything is written into heap buffers,
 * except records that live in a log file, which become a {@link SharedFileRegion} part so that
 * Fetch sends record bytes with sendfile, never copying them through the heap.
 *
 * <p>Single use, not thread-safe. {@link #finish()} hands the parts over; if encoding fails
 * before that, call {@link #discard()}.
 */
final class ResponseSendWritable implements Writable {
    private final ResponseSend.Builder parts = ResponseSend.builder();
    private final int expectedBytes;
    private ByteBufferWritable current;
    private int writtenBytes;

    /** @param expectedBytes the body's exact size, so the heap parts are allocated once */
    ResponseSendWritable(int expectedBytes) {
        this.expectedBytes = expectedBytes;
        this.current = new ByteBufferWritable(ByteBuffer.allocate(expectedBytes));
    }

    @Override
    public void writeRecords(Records records) {
        if (records instanceof FileSliceRecords slice) {
            cutHeapPart();
            parts.add(new SharedFileRegion(slice.channel(), slice.position(), slice.sizeInBytes()));
            writtenBytes += slice.sizeInBytes();
            current = new ByteBufferWritable(ByteBuffer.allocate(expectedBytes - writtenBytes));
        } else {
            current.writeRecords(records);
        }
    }

    /** @return every part written, in order; the caller owns the send */
    ResponseSend finish() {
        cutHeapPart();
        if (writtenBytes != expectedBytes) {
            parts.release();
            throw new IllegalStateException("encoded " + writtenBytes + " bytes, size() said " + expectedBytes);
        }
        return parts.build();
    }

    /** Releases any parts already cut after a failed encode. */
    void discard() {
        parts.release();
    }

    private void cutHeapPart() {
        ByteBuffer written = current.toByteBuffer();
        if (written.hasRemaining()) {
            parts.add(Unpooled.wrappedBuffer(written));
            writtenBytes += written.remaining();
        }
        current = new ByteBufferWritable(ByteBuffer.allocate(0));
    }

    @Override
    public void writeByte(byte value) {
        current.writeByte(value);
    }

    @Override
    public void writeShort(short value) {
        current.writeShort(value);
    }

    @Override
    public void writeInt(int value) {
        current.writeInt(value);
    }

    @Override
    public void writeLong(long value) {
        current.writeLong(value);
    }

    @Override
    public void writeDouble(double value) {
        current.writeDouble(value);
    }

    @Override
    public void writeUnsignedVarint(int value) {
        current.writeUnsignedVarint(value);
    }

    @Override
    public void writeVarint(int value) {
        current.writeVarint(value);
    }

    @Override
    public void writeVarlong(long value) {
        current.writeVarlong(value);
    }

    @Override
    public void writeUuid(Uuid value) {
        current.writeUuid(value);
    }

    @Override
    public void writeByteArray(byte[] bytes) {
        current.writeByteArray(bytes);
    }

    @Override
    public void writeByteBuffer(ByteBuffer buffer) {
        current.writeByteBuffer(buffer);
    }
}
