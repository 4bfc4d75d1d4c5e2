package io.samsa.coordinator.runtime;

import io.samsa.coordinator.records.SerializedRecord;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The coordinator's view of the compacted {@code __consumer_offsets} topic. The broker implements
 * it on top of storage's partition log; {@link InMemoryCoordinatorLog} serves tests.
 *
 * <p>Contract, which the runtime's revert-on-failure relies on:
 * <ul>
 * <li>{@link #append} writes all records of one call as one batch, atomically, after everything
 *     appended to the partition before it.</li>
 * <li>Its future completes only when the batch is durable (written, and replicated as far as the
 *     broker requires), within offsets.commit.timeout.ms, else exceptionally.</li>
 * <li>Once an append to a partition fails, every later append to that partition that was issued
 *     before the failure was observed fails too (as a log that lost leadership does), so nothing
 *     the runtime reverted ever becomes durable.</li>
 * <li>Futures may complete on any thread; the runtime hops back to the partition's event thread.
 *     A future already complete when {@link #append} returns is settled within the calling event,
 *     without that hop: an implementation may append on the caller's thread (the partition's event
 *     thread, not a network event loop) when that is cheaper than handing the write off.</li>
 * </ul>
 *
 * <p>Implementations must be thread-safe.
 */
public interface CoordinatorLog {

    /**
     * @param partition the {@code __consumer_offsets} partition
     * @param records   at least one record; the caller will not change them
     * @return the offset of the last appended record, once durable; exceptionally on failure (a
     *         {@code CoordinatorException} there chooses the error code the caller sees)
     */
    CompletableFuture<Long> append(int partition, List<SerializedRecord> records);

    /**
     * Reads the partition from its start to its current end, passing each record to {@code sink}
     * in log order, from one thread at a time. Records whose Kafka key is null are skipped. Read
     * on a thread of the log's own: this is called on a coordinator event thread, which must not
     * block for the length of a partition read.
     *
     * @return the offset after the last record read; exceptionally when reading fails or
     *         {@code sink} throws (then reading stops)
     */
    CompletableFuture<Long> load(int partition, LoadSink sink);

    /** Receives the records of a partition being loaded. */
    @FunctionalInterface
    interface LoadSink {
        /**
         * @param key   the record key; valid only during the call
         * @param value the record value, or null for a tombstone; valid only during the call
         */
        void accept(ByteBuffer key, ByteBuffer value);
    }
}
