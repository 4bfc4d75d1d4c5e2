package io.samsa.protocol.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Record batches held in a buffer: a view, never a copy. The buffer's position..limit is the
 * content; iteration yields {@link RecordBatch} flyweights over the same bytes and stops at the
 * first incomplete batch (Fetch responses may end mid-batch).
 *
 * <p>Immutable view; thread-safe as long as the bytes do not change.
 */
public final class MemoryRecords implements Records, Iterable<RecordBatch> {
    public static final MemoryRecords EMPTY = new MemoryRecords(ByteBuffer.allocate(0));

    private final ByteBuffer buffer;

    /**
     * @param buffer the batches between its position and limit, read big-endian whatever its own
     *               order; the caller keeps the bytes unchanged
     */
    public MemoryRecords(ByteBuffer buffer) {
        this.buffer = buffer.order() == ByteOrder.BIG_ENDIAN ? buffer : buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
    }

    /** The bytes as a read-only-by-contract view; its position is the first batch. */
    public ByteBuffer buffer() {
        return buffer.duplicate();
    }

    @Override
    public int sizeInBytes() {
        return buffer.remaining();
    }

    /** Iterates the whole batches; a trailing partial batch is skipped. */
    @Override
    public Iterator<RecordBatch> iterator() {
        return new Iterator<>() {
            private int position = buffer.position();

            @Override
            public boolean hasNext() {
                int remaining = buffer.limit() - position;
                if (remaining < RecordBatch.LOG_OVERHEAD) {
                    return false;
                }
                int batchLength = buffer.getInt(position + RecordBatch.BATCH_LENGTH_OFFSET);
                return batchLength >= 0 && remaining - RecordBatch.LOG_OVERHEAD >= batchLength;
            }

            @Override
            public RecordBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RecordBatch batch = new RecordBatch(buffer, position);
                position += batch.sizeInBytes();
                return batch;
            }
        };
    }

    @Override
    public String toString() {
        return "MemoryRecords(" + sizeInBytes() + " bytes)";
    }
}
