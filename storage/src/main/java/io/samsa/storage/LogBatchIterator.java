package io.samsa.storage;

import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;

import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Walks a log's batches from an offset up to a fixed end offset, reading about
 * {@link #CHUNK_BYTES} at a time through {@link PartitionLog#read}. Each yielded batch is a
 * flyweight over a heap copy that stays valid after the iteration moves on.
 *
 * <p>Not thread-safe; the log may be appended to meanwhile (later batches are not seen).
 */
final class LogBatchIterator implements Iterator<RecordBatch> {
    static final int CHUNK_BYTES = 1 << 20;

    private final PartitionLog log;
    private final long endOffset;
    private long nextOffset;
    private Iterator<RecordBatch> chunk;
    private RecordBatch pending;

    LogBatchIterator(PartitionLog log, long fromOffset, long endOffset) {
        this.log = log;
        this.nextOffset = fromOffset;
        this.endOffset = endOffset;
        if (fromOffset < log.logStartOffset() || fromOffset > endOffset) {
            throw new OffsetOutOfRangeException(log.topicPartition(), fromOffset, log.logStartOffset(), endOffset);
        }
    }

    @Override
    public boolean hasNext() {
        while (pending == null) {
            if (chunk != null && chunk.hasNext()) {
                RecordBatch batch = chunk.next();
                if (batch.baseOffset() >= endOffset) {
                    nextOffset = endOffset;
                    chunk = null;
                    return false;
                }
                pending = batch;
                nextOffset = batch.nextOffset();
            } else if (nextOffset >= endOffset || !readChunk()) {
                return false;
            }
        }
        return true;
    }

    private boolean readChunk() {
        FileSlice slice = log.read(nextOffset, CHUNK_BYTES);
        if (slice.isEmpty()) {
            return false;
        }
        try {
            MemoryRecords records = slice.readAll();
            chunk = records.iterator();
            return true;
        } catch (IOException e) {
            throw new StorageException("reading " + log.topicPartition() + " at offset " + nextOffset + " failed", e);
        }
    }

    @Override
    public RecordBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RecordBatch batch = pending;
        pending = null;
        return batch;
    }
}
