package io.samsa.broker.transaction;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.transaction.TransactionMarkerSender;
import io.samsa.coordinator.transaction.TransactionMarkers;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction coordinator's marker channel: writes each transaction's COMMIT or ABORT markers
 * into its partitions at their leaders, as Kafka's marker channel does. A partition this broker
 * leads is written here ({@link LocalMarkers}); the partitions another broker leads go to it in
 * one WriteTxnMarkers ({@link RemoteMarkers}). A partition that could not take its marker now (no
 * leader, a leader that moved: NOT_LEADER_OR_FOLLOWER, too few in-sync replicas, an unreachable
 * broker, a storage error) is tried again after {@link #RETRY_BACKOFF_MS} at the leader the
 * metadata names then, until every partition has its marker; a partition that no longer exists is
 * dropped, as in Kafka. Then the coordinator is told ({@code onWritten}). A partition refusing the
 * marker as stale (INVALID_PRODUCER_EPOCH, TRANSACTION_COORDINATOR_FENCED) ends the attempt without
 * {@code onWritten}, as Kafka's channel abandons it: a newer coordinator owns the transaction.
 *
 * <p>Work runs on a thread of its own (a local marker append is log I/O, which must not run on a
 * coordinator event thread); answers from other brokers come back to it. Thread-safe.
 */
final class MarkerChannel implements TransactionMarkerSender, BrokerComponent {
    /** Wait between attempts at a partition that could not take its marker, ms. */
    static final long RETRY_BACKOFF_MS = 100;

    /** A marker still not written is logged after the first attempt and then every this many. */
    private static final int LOG_EVERY_ATTEMPTS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(MarkerChannel.class);

    private final int localBrokerId;
    private final PartitionLeaders leaders;
    private final LocalMarkers local;
    private final RemoteMarkers remote;
    private final ScheduledExecutorService executor;

    /**
     * @param remote built from the channel's own executor (answers from other brokers are handled there)
     */
    MarkerChannel(int localBrokerId, PartitionLeaders leaders, LocalMarkers local, Function<Executor, RemoteMarkers> remote) {
        this.localBrokerId = localBrokerId;
        this.leaders = leaders;
        this.local = local;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("samsa-txn-markers", true));
        pool.setRemoveOnCancelPolicy(true);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = pool;
        this.remote = remote.apply(task -> submit(task, 0));
    }

    @Override
    public String name() {
        return "transaction-markers";
    }

    @Override
    public void start() {
    }

    @Override
    public void send(TransactionMarkers markers, Runnable onWritten) {
        submit(() -> attempt(markers, new LinkedHashSet<>(markers.partitions()), onWritten, 1), 0);
    }

    private void attempt(TransactionMarkers markers, Set<TopicPartition> remaining, Runnable onWritten, int attempt) {
        Map<TopicPartition, Object> failed = new ConcurrentHashMap<>();
        Set<TopicPartition> done = ConcurrentHashMap.newKeySet();
        AtomicBoolean fenced = new AtomicBoolean();
        Map<Integer, List<TopicPartition>> byLeader = new HashMap<>();
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (TopicPartition partition : remaining) {
            int leader = leaders.leaderOf(partition.topic(), partition.partition());
            if (leader == PartitionLeaders.GONE) {
                dropped(markers, partition);
                done.add(partition);
            } else if (leader == localBrokerId) {
                writes.add(local.write(partition, markers).thenAccept(error -> settle(markers, partition, error, done, fenced, failed)));
            } else if (leader != PartitionLeaders.NO_LEADER) {
                byLeader.computeIfAbsent(leader, id -> new ArrayList<>()).add(partition);
            } else {
                failed.put(partition, "no leader");
            }
        }
        byLeader.forEach((brokerId, partitions) -> writes.add(remote.write(brokerId, markers, partitions)
                .thenAccept(errors -> errors.forEach((partition, error) -> settle(markers, partition, error, done, fenced, failed)))));
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.error("Writing the markers of {} failed; trying again", markers.transactionalId(), failure);
            }
            remaining.removeAll(done);
            if (fenced.get()) {
                LOG.warn("The markers of {} were refused: this coordinator (epoch {}) or producer epoch {} is stale; "
                        + "the transaction is left to the current coordinator", markers.transactionalId(),
                        markers.coordinatorEpoch(), markers.producerEpoch());
            } else if (remaining.isEmpty()) {
                onWritten.run();
            } else {
                if (attempt == 1 || attempt % LOG_EVERY_ATTEMPTS == 0) {
                    LOG.info("The markers of {} are not written yet after {} attempt(s): {}; trying again",
                            markers.transactionalId(), attempt, failed);
                }
                submit(() -> attempt(markers, remaining, onWritten, attempt + 1), RETRY_BACKOFF_MS);
            }
        });
    }

    private static void settle(TransactionMarkers markers, TopicPartition partition, ErrorCode error, Set<TopicPartition> done,
                               AtomicBoolean fenced, Map<TopicPartition, Object> failed) {
        if (error == ErrorCode.INVALID_PRODUCER_EPOCH || error == ErrorCode.TRANSACTION_COORDINATOR_FENCED) {
            fenced.set(true);
        }
        if (error == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
            dropped(markers, partition);
        }
        if (error == ErrorCode.NONE || error == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
            done.add(partition);
        } else {
            failed.put(partition, error);
        }
    }

    private static void dropped(TransactionMarkers markers, TopicPartition partition) {
        LOG.info("Dropping the marker of {} for {}: the partition is gone", markers.transactionalId(), partition);
    }

    private void submit(Runnable task, long delayMs) {
        try {
            executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Writing transaction markers failed", e);
                }
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Marker channel closed; markers left to the next coordinator");
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
