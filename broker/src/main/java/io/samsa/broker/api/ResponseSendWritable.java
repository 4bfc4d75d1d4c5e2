package io.samsa.broker.api;

import io.netty.buffer.Unpooled;
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

    /**
     * Bodies up to this size get one exactly sized heap part. A larger body usually is mostly file
     * slices (a Fetch response), so its heap parts start small and grow: sizing them by the whole
     * body would allocate (and zero) a megabyte of heap per fetch that is never written.
     */
    static final int EXACT_HEAP_PART_MAX_BYTES = 64 * 1024;
    private static final int FIRST_GROWABLE_PART_BYTES = 1024;

    /** @param expectedBytes the body's exact size, with records */
    ResponseSendWritable(int expectedBytes) {
        this.expectedBytes = expectedBytes;
        this.current = nextHeapPart();
    }

    private ByteBufferWritable nextHeapPart() {
        int remaining = expectedBytes - writtenBytes;
        return remaining <= EXACT_HEAP_PART_MAX_BYTES
            ? new ByteBufferWritable(ByteBuffer.allocate(remaining))
            : ByteBufferWritable.growable(FIRST_GROWABLE_PART_BYTES);
    }

    @Override
    public void writeRecords(Records records) {
        if (records instanceof FileSliceRecords slice) {
            cutHeapPart();
            parts.add(new SharedFileRegion(slice.channel(), slice.position(), slice.sizeInBytes()));
            writtenBytes += slice.sizeInBytes();
            current = nextHeapPart();
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
