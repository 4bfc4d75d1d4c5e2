package io.samsa.protocol.record;

import java.util.Iterator;

/**
 * Iterates the records of one batch. {@link #next()} throws {@link CorruptRecordException} on
 * malformed bytes, including when the batch holds more or fewer records than its recordsCount.
 *
 * <p>For a compressed batch the iterator holds a decompression stream (native memory for zstd); it
 * releases it when iteration ends or fails, and {@link #close()} releases it early. Closing twice
 * is harmless. Not thread-safe.
 */
public interface RecordIterator extends Iterator<Record>, AutoCloseable {

    /** Releases the decompression stream, if any; does not throw. */
    @Override
    void close();
}
