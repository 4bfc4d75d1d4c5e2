package io.samsa.broker.data.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.samsa.broker.data.partitions.PartitionWaiters;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.replication.PartitionChangeListener;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.util.Time;
import io.samsa.storage.AppendListener;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where long-poll fetches wait without holding a thread. A parked {@link DelayedFetch} is indexed
 * under each of its partitions; an append to one of them (storage's {@link AppendListener}, called
 * on the appending thread) only queues a re-read on this purgatory's thread, which completes the
 * fetch once min_bytes are there. Its max_wait_ms deadline is a task on the same scheduler.
 *
 * <p>A wake-up is never lost: the fetch is indexed and the logs are listened to before the
 * re-read that follows parking, so an append either happens before that re-read (which sees it) or
 * after the index entry exists (which queues another).
 *
 * <p>Thread-safe. {@link #close} answers every parked fetch with what is there.
 */
public final class FetchPurgatory implements BrokerComponent, PartitionChangeListener {
    private final FetchReader reader;
    private final Time time;
    private final PartitionWaiters<DelayedFetch> waiting = new PartitionWaiters<>();
    /** Logs this purgatory listens to; weak keys, so a deleted log is forgotten. */
    private final Cache<PartitionLog, Boolean> listened = Caffeine.newBuilder().weakKeys().build();
    private final AppendListener listener = (log, info) -> wake(log.topicPartition());
    private volatile ScheduledThreadPoolExecutor scheduler;

    public FetchPurgatory(FetchReader reader, Time time) {
        this.reader = reader;
        this.time = time;
    }

    @Override
    public String name() {
        return "fetch-purgatory";
    }

    @Override
    public void start() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("samsa-fetch-purgatory", true));
        executor.setRemoveOnCancelPolicy(true);
        scheduler = executor;
    }

    /**
     * Parks {@code request} (whose first read had fewer than min_bytes) until enough bytes arrive
     * or max_wait_ms passes.
     *
     * @param version    the Fetch version
     * @param receivedNs when the request arrived ({@link Time#nanoseconds()}); the wait counts from it
     * @return the eventual read
     */
    public CompletableFuture<FetchResult> park(FetchRequest request, short version, long receivedNs) {
        List<TopicPartition> partitions = reader.watchedPartitions(request);
        DelayedFetch fetch = new DelayedFetch(request, version, partitions);
        fetch.future().whenComplete((result, error) -> waiting.remove(fetch.partitions(), fetch));
        for (TopicPartition partition : partitions) {
            waiting.add(partition, fetch);
            reader.log(partition).ifPresent(log -> listened.get(log, l -> {
                l.addAppendListener(listener);
                return Boolean.TRUE;
            }));
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(time.nanoseconds() - receivedNs);
        long remainingMs = Math.max(0, request.maxWaitMs() - elapsedMs);
        ScheduledThreadPoolExecutor executor = scheduler;
        if (executor == null || executor.isShutdown()) {
            fetch.forceComplete(reader);
            return fetch.future();
        }
        fetch.timeout(executor.schedule(() -> fetch.forceComplete(reader), remainingMs, TimeUnit.MILLISECONDS));
        if (fetch.markRecheckQueued()) {
            executor.execute(() -> fetch.tryComplete(reader));
        }
        return fetch.future();
    }

    /** @return how many fetches are parked (tests, metrics) */
    public int parkedCount() {
        return waiting.all().size();
    }

    /** A replicated partition's high watermark or role changed: parked consumer fetches re-read. */
    @Override
    public void onChange(TopicPartition partition) {
        wake(partition);
    }

    private void wake(TopicPartition partition) {
        ScheduledThreadPoolExecutor executor = scheduler;
        if (executor == null) {
            return;
        }
        for (DelayedFetch fetch : waiting.on(partition)) {
            if (fetch.markRecheckQueued()) {
                try {
                    executor.execute(() -> fetch.tryComplete(reader));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    return; // shutting down: close() answers it
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        ScheduledThreadPoolExecutor executor = scheduler;
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        for (DelayedFetch fetch : waiting.all()) {
            fetch.forceComplete(reader);
        }
        for (PartitionLog log : listened.asMap().keySet()) {
            log.removeAppendListener(listener);
        }
    }
}
