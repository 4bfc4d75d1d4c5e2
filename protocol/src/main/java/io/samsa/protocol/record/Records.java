package io.samsa.protocol.record;

/**
 * A run of record batches as carried in a Produce request or a Fetch response. Implementations are
 * views: {@link MemoryRecords} over a buffer, and the storage module's file slices, which the broker
 * sends with zero-copy file regions.
 */
public interface Records {

    /** The number of bytes this run occupies on the wire. */
    int sizeInBytes();
}
