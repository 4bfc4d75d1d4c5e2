package io.samsa.broker.group;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.samsa.coordinator.CoordinatorException;
import io.samsa.coordinator.records.SerializedRecord;
import io.samsa.coordinator.runtime.CoordinatorLog;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.Record;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.protocol.record.RecordIterator;
import io.samsa.protocol.util.Time;
import io.samsa.storage.PartitionLog;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * The coordinator's {@link CoordinatorLog} over storage's partition logs of {@code __consumer_offsets}.
 *
 * <p><b>Append.</b> The records of one call become one uncompressed v2 batch (so the operation is
 * atomic on disk), written by {@link PartitionLog#append}, which returns once the batch is as
 * durable as the topic's flush settings ask (flush.messages=1 waits for the fsync). Appends run on
 * one appender thread, in the order they were issued, never on the coordinator's event threads.
 *
 * <p><b>Failure.</b> When an append fails, the partition is fenced: every append to it still queued
 * fails too, because the coordinator reverts the state those appends were computed from (the
 * contract's "nothing reverted becomes durable"). The fence listener is told, and the broker
 * reloads the partition, as a log that lost leadership would be; {@link #load} lifts the fence
 * behind every append queued before it, so those still fail.
 *
 * <p><b>Load.</b> Replays every record of the partition from the log start offset to the end at the
 * time of the call, batch by batch in offset order, on a loader thread. Control batches and records
 * without a key are skipped.
 *
 * <p>Thread-safe.
 */
public final class OffsetsTopicLog implements CoordinatorLog, AutoCloseable {
    /** How long {@link #close} waits for queued appends, then for loads to stop. */
    static final long CLOSE_TIMEOUT_MS = 10_000;

    private final IntFunction<PartitionLog> partitions;
    private final Time time;
    private final ExecutorService appender;
    private final ExecutorService loader;
    private final IntConsumer onFenced;
    /** Partitions whose last append failed; their appends fail until the next load. Appender thread only. */
    private final Set<Integer> fenced = new HashSet<>();

    /**
     * @param partitions  the partition log of each {@code __consumer_offsets} partition index; throws
     *                    or returns null when this broker has no such partition
     * @param loadThreads threads replaying partitions at election
     * @param onFenced    told (on the appender thread; must not block) when a partition is fenced by
     *                    a failed append, so it can be reloaded
     */
    public OffsetsTopicLog(IntFunction<PartitionLog> partitions, Time time, int loadThreads, IntConsumer onFenced) {
        this.partitions = partitions;
        this.onFenced = onFenced;
        this.time = time;
        this.appender = Executors.newSingleThreadExecutor(new DefaultThreadFactory("samsa-offsets-appender", true));
        this.loader = Executors.newFixedThreadPool(loadThreads, new DefaultThreadFactory("samsa-offsets-loader", true));
    }

    @Override
    public CompletableFuture<Long> append(int partition, List<SerializedRecord> records) {
        CompletableFuture<Long> durable = new CompletableFuture<>();
        long nowMs = time.milliseconds();
        try {
            appender.execute(() -> appendNow(partition, records, nowMs, durable));
        } catch (RuntimeException rejected) {
            durable.completeExceptionally(new CoordinatorException(ErrorCode.NOT_COORDINATOR,
                    "__consumer_offsets log is closed", rejected));
        }
        return durable;
    }

    private void appendNow(int partition, List<SerializedRecord> records, long nowMs, CompletableFuture<Long> durable) {
        if (fenced.contains(partition)) {
            durable.completeExceptionally(new CoordinatorException(ErrorCode.NOT_COORDINATOR,
                    "an earlier append to __consumer_offsets-" + partition + " failed"));
            return;
        }
        try {
            RecordBatchBuilder batch = RecordBatchBuilder.create(CompressionType.NONE);
            for (SerializedRecord record : records) {
                batch.append(nowMs, record.key(), record.value());
            }
            long lastOffset = log(partition).append(new MemoryRecords(batch.build())).lastOffset();
            durable.complete(lastOffset);
        } catch (RuntimeException e) {
            fenced.add(partition);
            onFenced.accept(partition);
            durable.completeExceptionally(new CoordinatorException(ErrorCode.NOT_COORDINATOR,
                    "append to __consumer_offsets-" + partition + " failed", e));
        }
    }

    @Override
    public CompletableFuture<Long> load(int partition, LoadSink sink) {
        CompletableFuture<Long> loaded = new CompletableFuture<>();
        try {
            // Behind every append queued so far: those were computed from state this load replaces.
            appender.execute(() -> {
                fenced.remove(partition);
                try {
                    loader.execute(() -> {
                        try {
                            loaded.complete(replay(partition, sink));
                        } catch (RuntimeException e) {
                            loaded.completeExceptionally(e);
                        }
                    });
                } catch (RuntimeException rejected) {
                    loaded.completeExceptionally(rejected);
                }
            });
        } catch (RuntimeException rejected) {
            loaded.completeExceptionally(rejected);
        }
        return loaded;
    }

    /** @return the offset after the last batch replayed */
    private long replay(int partition, LoadSink sink) {
        PartitionLog log = log(partition);
        long next = log.logStartOffset();
        Iterator<RecordBatch> batches = log.batchesFrom(next);
        while (batches.hasNext()) {
            RecordBatch batch = batches.next();
            next = batch.nextOffset();
            if (batch.isControlBatch()) {
                continue;
            }
            try (RecordIterator records = batch.records()) {
                while (records.hasNext()) {
                    Record record = records.next();
                    if (record.hasKey()) {
                        sink.accept(record.key(), record.hasValue() ? record.value() : null);
                    }
                }
            }
        }
        return next;
    }

    private PartitionLog log(int partition) {
        PartitionLog log = partitions.apply(partition);
        if (log == null) {
            throw new CoordinatorException(ErrorCode.NOT_COORDINATOR, "no log for __consumer_offsets-" + partition);
        }
        return log;
    }

    /** Stops the appender and loader threads, letting queued appends finish (bounded wait). */
    @Override
    public void close() {
        appender.shutdown();
        loader.shutdownNow();
        try {
            appender.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            loader.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
