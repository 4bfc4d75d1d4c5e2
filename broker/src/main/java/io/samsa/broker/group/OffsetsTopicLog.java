package io.samsa.broker.group;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.coordinator.records.SerializedRecord;
import io.samsa.coordinator.runtime.CoordinatorException;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A coordinator's {@link CoordinatorLog} over storage's partition logs of its internal topic
 * ({@code __consumer_offsets}, or {@code __transaction_state} for the transaction coordinator).
 *
 * <p><b>Append.</b> The records of one call become one uncompressed v2 batch (so the operation is
 * atomic on disk), written by {@link PartitionLog#append} on the calling thread, which returns once
 * the batch is as durable as the topic's flush settings ask (flush.messages=1 waits for the fsync).
 * The caller is the coordinator's event thread of the partition (a plain thread, not a network
 * event loop; Kafka's coordinator appends on its coordinator thread too), so the returned future is
 * already complete and the runtime answers within the same event: no thread hop either way. The
 * cost is that the event thread waits for the page-cache write, and for the fsync when the topic
 * asks for one.
 *
 * <p><b>Failure.</b> When an append fails, the partition is fenced: every later append to it fails
 * with NOT_COORDINATOR, because the log may hold part of what failed and the coordinator reverted
 * the state the write came from (the contract's "nothing reverted becomes durable"). The fence
 * listener is told, and the broker reloads the partition, as a log that lost leadership would be;
 * {@link #load} lifts the fence.
 *
 * <p><b>Replicated partitions.</b> When the replica manager holds a role for the partition, an
 * append is accepted only while this broker leads it under the leader epoch the partition was
 * loaded under (else NOT_COORDINATOR, nothing written: the coordinator's state may predate what a
 * newer leader wrote). The batch is stamped with that epoch, and the future completes only when
 * the high watermark passes it ({@link OffsetsReplicationWaits}), or fails with NOT_COORDINATOR
 * when leadership moves first. A partition without a role is a single node's: high watermark = log
 * end offset, answered at once as before.
 *
 * <p><b>Load.</b> Replays every record of the partition from the log start offset to the end at the
 * time of the call, batch by batch in offset order, on a loader thread. Control batches and records
 * without a key are skipped.
 *
 * <p>Thread-safe. Appends to different partitions run in parallel on their callers' threads; appends
 * to one partition are ordered by their caller, which for the runtime is one event thread.
 */
public final class OffsetsTopicLog implements CoordinatorLog, AutoCloseable {
    /** How long {@link #close} waits for loads to stop. */
    static final long CLOSE_TIMEOUT_MS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(OffsetsTopicLog.class);

    private final IntFunction<PartitionLog> partitions;
    private final Time time;
    private final ExecutorService loader;
    private final IntConsumer onFenced;
    /**
     * Partitions whose last append failed; their appends fail until the next load. Concurrent: each
     * partition is appended to and loaded from its own event thread, and those threads differ.
     */
    private final Set<Integer> fenced = ConcurrentHashMap.newKeySet();
    private final IntFunction<Optional<ReplicatedPartition>> replicas;
    private final OffsetsReplicationWaits waits;
    /** The leader epoch each partition was last loaded under (absent: loaded without a role). */
    private final Map<Integer, Integer> loadedEpochs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param partitions  the partition log of each {@code __consumer_offsets} partition index; throws
     *                    or returns null when this broker has no such partition
     * @param loadThreads threads replaying partitions at election
     * @param onFenced    told (on the appending thread, once per failed append; must not block) when a
     *                    partition is fenced by a failed append, so it can be reloaded
     */
    public OffsetsTopicLog(IntFunction<PartitionLog> partitions, Time time, int loadThreads, IntConsumer onFenced) {
        this(partitions, index -> Optional.empty(), new OffsetsReplicationWaits(), time, loadThreads, onFenced);
    }

    /**
     * @param replicas the replicated partition of each index, empty for a single-node one
     * @param waits    where appends wait for the high watermark; the replica manager must tell it of changes
     */
    public OffsetsTopicLog(IntFunction<PartitionLog> partitions, IntFunction<Optional<ReplicatedPartition>> replicas,
                    OffsetsReplicationWaits waits, Time time, int loadThreads, IntConsumer onFenced) {
        this.replicas = replicas;
        this.waits = waits;
        this.partitions = partitions;
        this.onFenced = onFenced;
        this.time = time;
        this.loader = Executors.newFixedThreadPool(loadThreads, new DefaultThreadFactory("samsa-offsets-loader", true));
    }

    /**
     * Appends on the calling thread; the future is complete when this returns, unless the partition
     * is replicated and its high watermark has not passed the batch yet.
     */
    @Override
    public CompletableFuture<Long> append(int partition, List<SerializedRecord> records) {
        if (closed) {
            return notCoordinator("__consumer_offsets log is closed", null);
        }
        if (fenced.contains(partition)) {
            return notCoordinator("an earlier append to __consumer_offsets-" + partition + " failed", null);
        }
        Optional<ReplicatedPartition> replicated = replicas.apply(partition);
        Integer loadedEpoch = loadedEpochs.get(partition);
        if (replicated.isPresent() != (loadedEpoch != null)
                || replicated.isPresent() && (!replicated.get().isLeader() || replicated.get().leaderEpoch() != loadedEpoch)) {
            return notCoordinator("__consumer_offsets-" + partition + " is not led here under the epoch it was loaded with", null);
        }
        try {
            RecordBatchBuilder batch = RecordBatchBuilder.create(CompressionType.NONE);
            long nowMs = time.milliseconds();
            for (SerializedRecord record : records) {
                batch.append(nowMs, record.key(), record.value());
            }
            MemoryRecords built = new MemoryRecords(batch.build());
            if (replicated.isEmpty()) {
                return CompletableFuture.completedFuture(log(partition).append(built).lastOffset());
            }
            ReplicatedPartition leader = replicated.get();
            long lastOffset = leader.log().appendAsLeader(built, loadedEpoch).lastOffset();
            leader.onLeaderAppend();
            return waits.await(partition, leader, lastOffset + 1, loadedEpoch);
        } catch (RuntimeException e) {
            fence(partition);
            return notCoordinator("append to __consumer_offsets-" + partition + " failed", e);
        }
    }

    private void fence(int partition) {
        fenced.add(partition);
        try {
            onFenced.accept(partition);
        } catch (RuntimeException e) {
            LOG.error("fence listener failed for {}-{}", OffsetsTopic.NAME, partition, e);
        }
    }

    private static CompletableFuture<Long> notCoordinator(String message, Throwable cause) {
        return CompletableFuture.failedFuture(new CoordinatorException(ErrorCode.NOT_COORDINATOR, message, cause));
    }

    @Override
    public CompletableFuture<Long> load(int partition, LoadSink sink) {
        // Lifting the fence here is ordered behind every append it must still fail: the runtime
        // loads on the partition's event thread, where appends run inline, so each append issued
        // before this load has returned already, and none is issued until the load ends (the
        // partition answers COORDINATOR_LOAD_IN_PROGRESS meanwhile).
        fenced.remove(partition);
        Optional<ReplicatedPartition> replicated = replicas.apply(partition);
        if (replicated.isPresent()) {
            loadedEpochs.put(partition, replicated.get().leaderEpoch());
        } else {
            loadedEpochs.remove(partition);
        }
        CompletableFuture<Long> loaded = new CompletableFuture<>();
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

    /**
     * Fails appends from now on and stops the loader threads (bounded wait). Appends run on their
     * callers' threads: stop those first (the coordinator) so none is still writing.
     */
    @Override
    public void close() {
        closed = true;
        waits.failAll();
        loader.shutdownNow();
        try {
            loader.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
