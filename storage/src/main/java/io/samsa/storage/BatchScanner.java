package io.samsa.storage;

import io.samsa.protocol.record.CorruptRecordException;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchValidator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Walks the batches of a segment file from a position, reading the file in large chunks, and
 * checks each batch's structure and (when asked) its CRC. It stops at the first byte that does not
 * start a valid batch and says why; recovery truncates there.
 *
 * <p>Checked per batch: a whole 12-byte log overhead; batchLength at least the v2 header and the
 * whole batch inside the scanned range; then the protocol's {@link RecordBatchValidator} in its
 * recovery mode (magic 2, consistent counts, CRC-32C when {@code verifyCrc}); and a base offset not
 * below the previous batch's next offset.
 *
 * <p>Not thread-safe: one scanner per walk. The yielded {@link RecordBatch} is a flyweight over the
 * scanner's buffer and is valid only until the next call to {@link #next()}.
 */
final class BatchScanner {
    private static final int MIN_BATCH_LENGTH = RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD;

    private final FileChannel channel;
    private final long endPosition;
    /** The protocol's checks for stored batches: length, magic 2, counts, and the CRC when asked. */
    private final RecordBatchValidator structure;
    private ByteBuffer buffer;
    /** File position of buffer index 0. */
    private long bufferFilePosition;
    private long position;
    private long expectedMinOffset;
    private long batchPosition = -1;
    private String stopReason;

    /**
     * @param channel       the segment file
     * @param startPosition the first batch's position, in bytes
     * @param endPosition   the end of the valid range, in bytes (the file size, or a committed size)
     * @param minBaseOffset the smallest base offset the first batch may have
     * @param verifyCrc     whether to compute each batch's CRC
     * @param chunkBytes    read size, in bytes
     */
    BatchScanner(FileChannel channel, long startPosition, long endPosition, long minBaseOffset, boolean verifyCrc, int chunkBytes) {
        this.channel = channel;
        this.endPosition = endPosition;
        this.structure = RecordBatchValidator.forRecovery(Integer.MAX_VALUE).withChecksum(verifyCrc);
        this.position = startPosition;
        this.expectedMinOffset = minBaseOffset;
        this.buffer = ByteBuffer.allocate(chunkBytes);
        this.buffer.limit(0);
        this.bufferFilePosition = startPosition;
    }

    /** @return the next valid batch, or null at the end or at the first invalid byte (see {@link #stopReason()}) */
    RecordBatch next() throws IOException {
        long remaining = endPosition - position;
        if (remaining == 0) {
            return null;
        }
        if (remaining < RecordBatch.LOG_OVERHEAD) {
            return stop("a torn batch header of " + remaining + " bytes");
        }
        if (!ensure(RecordBatch.LOG_OVERHEAD)) {
            return stop("unreadable bytes");
        }
        int at = (int) (position - bufferFilePosition);
        int batchLength = buffer.getInt(at + RecordBatch.BATCH_LENGTH_OFFSET);
        if (batchLength < MIN_BATCH_LENGTH) {
            return stop("batchLength " + batchLength + " is below the v2 header size");
        }
        long batchBytes = (long) batchLength + RecordBatch.LOG_OVERHEAD;
        if (batchBytes > remaining) {
            return stop("a torn batch: " + batchBytes + " bytes declared, " + remaining + " present");
        }
        if (!ensure((int) batchBytes)) {
            return stop("unreadable bytes");
        }
        at = (int) (position - bufferFilePosition);
        RecordBatch batch = new RecordBatch(buffer, at);
        String problem = problemOf(batch);
        if (problem != null) {
            return stop(problem);
        }
        expectedMinOffset = batch.nextOffset();
        batchPosition = position;
        position += batchBytes;
        return batch;
    }

    private String problemOf(RecordBatch batch) {
        try {
            structure.validate(batch);
        } catch (CorruptRecordException e) {
            return e.getMessage();
        }
        if (batch.baseOffset() < expectedMinOffset) {
            return "base offset " + batch.baseOffset() + " below the expected " + expectedMinOffset;
        }
        return null;
    }

    /** Makes the buffer hold {@code bytes} bytes from the current position, refilling or growing it. */
    private boolean ensure(int bytes) throws IOException {
        int at = (int) (position - bufferFilePosition);
        if (at >= 0 && at + bytes <= buffer.limit()) {
            return true;
        }
        if (bytes > buffer.capacity()) {
            buffer = ByteBuffer.allocate(bytes);
        }
        buffer.clear();
        bufferFilePosition = position;
        long toRead = Math.min(buffer.capacity(), endPosition - position);
        buffer.limit((int) toRead);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, bufferFilePosition + buffer.position());
            if (read < 0) {
                break;
            }
        }
        buffer.limit(buffer.position());
        buffer.position(0);
        return buffer.limit() >= bytes;
    }

    private RecordBatch stop(String reason) {
        stopReason = reason;
        return null;
    }

    /** The position of the last batch returned by {@link #next()}. */
    long batchPosition() {
        return batchPosition;
    }

    /** The position after the last valid batch: where an invalid tail starts. */
    long validEndPosition() {
        return position;
    }

    /** The next offset after the last valid batch, or the initial minimum. */
    long nextOffset() {
        return expectedMinOffset;
    }

    /** Why the scan stopped before the end, or null when it reached the end (or has not stopped yet). */
    String stopReason() {
        return stopReason;
    }
}
