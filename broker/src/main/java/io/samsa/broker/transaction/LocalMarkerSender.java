package io.samsa.broker.transaction;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.samsa.broker.data.produce.TransactionMarkerWriter;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.transaction.TransactionMarkerSender;
import io.samsa.coordinator.transaction.TransactionMarkers;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes transaction markers into the partitions this broker leads, on a thread of its own (a
 * marker append is log I/O, which must not run on a coordinator event thread). A partition that
 * cannot take its marker now (no leader here yet, too few in-sync replicas, a storage error) is
 * tried again after {@link #RETRY_BACKOFF_MS}, as Kafka's marker channel retries, until every
 * partition has its marker; a partition whose topic is gone is dropped, as in Kafka. Then the
 * coordinator is told ({@code onWritten}).
 *
 * <p>Partitions led by another broker keep being retried here: sending WriteTxnMarkers over the
 * network to their leader is the cluster part still to do.
 *
 * <p>Thread-safe.
 */
final class LocalMarkerSender implements TransactionMarkerSender, BrokerComponent {
    /** Wait between attempts at a partition that could not take its marker, ms. */
    static final long RETRY_BACKOFF_MS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(LocalMarkerSender.class);

    private final TransactionMarkerWriter writer;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("samsa-txn-markers", true));

    LocalMarkerSender(TransactionMarkerWriter writer) {
        this.writer = writer;
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
        submit(() -> attempt(markers, new LinkedHashSet<>(markers.partitions()), onWritten), 0);
    }

    private void attempt(TransactionMarkers markers, Set<TopicPartition> remaining, Runnable onWritten) {
        List<CompletableFuture<Void>> writes = new ArrayList<>(remaining.size());
        Set<TopicPartition> done = ConcurrentHashMap.newKeySet();
        for (TopicPartition partition : remaining) {
            writes.add(writer.write(partition.topic(), partition.partition(), markers.producerId(), markers.producerEpoch(),
                    markers.commit(), markers.coordinatorEpoch()).thenAccept(error -> {
                        if (error == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
                            LOG.info("Dropping the marker of {} for {}: the partition is gone", markers.transactionalId(), partition);
                        }
                        if (error == ErrorCode.NONE || error == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
                            done.add(partition);
                        }
                    }));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            remaining.removeAll(done);
            if (remaining.isEmpty()) {
                onWritten.run();
            } else {
                submit(() -> attempt(markers, remaining, onWritten), RETRY_BACKOFF_MS);
            }
        });
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
            LOG.debug("Marker sender closed; markers left to the next coordinator");
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
