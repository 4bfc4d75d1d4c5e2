package io.samsa.broker.data.produce;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.samsa.broker.data.partitions.PartitionWaiters;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.replication.PartitionChangeListener;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.storage.TopicPartition;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where acks=all produces wait for replication without holding a thread (Kafka's produce
 * purgatory). A parked {@link DelayedProduce} is indexed under each of its partitions; a change of
 * a partition's high watermark, ISR or role ({@link PartitionChangeListener}, called by whoever
 * made the change, e.g. the request thread of a follower's fetch) re-checks the produces of that
 * partition inline: a check reads two volatiles per partition and never blocks. The timeout_ms
 * deadline is a task on this purgatory's scheduler and answers REQUEST_TIMED_OUT.
 *
 * <p>A wake-up is never lost: the produce is indexed before the check that follows parking, so a
 * change either happens before that check (which sees it) or after the index entry exists.
 *
 * <p>Thread-safe. {@link #close} answers every parked produce (REQUEST_TIMED_OUT where unfinished).
 */
public final class ProducePurgatory implements BrokerComponent, PartitionChangeListener {
    private final PartitionWaiters<DelayedProduce> waiting = new PartitionWaiters<>();
    private volatile ScheduledThreadPoolExecutor scheduler;

    @Override
    public String name() {
        return "produce-purgatory";
    }

    @Override
    public void start() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new DefaultThreadFactory("samsa-produce-purgatory", true));
        executor.setRemoveOnCancelPolicy(true);
        scheduler = executor;
    }

    /**
     * Parks a produce until every pending partition is replicated, or {@code timeoutMs} passes.
     *
     * @param response  the whole response; pending partitions' entries are completed in place
     * @param timeoutMs the request's timeout_ms
     * @return the eventual response
     */
    CompletableFuture<ProduceResponse> park(ProduceResponse response, List<PendingAck> pending, long timeoutMs) {
        DelayedProduce produce = new DelayedProduce(response, pending);
        if (produce.tryComplete()) {
            return produce.future();
        }
        produce.future().whenComplete((result, error) -> waiting.remove(produce.partitions(), produce));
        for (TopicPartition partition : produce.partitions()) {
            waiting.add(partition, produce);
        }
        ScheduledThreadPoolExecutor executor = scheduler;
        if (executor == null || executor.isShutdown()) {
            produce.forceComplete(ErrorCode.REQUEST_TIMED_OUT);
            return produce.future();
        }
        try {
            produce.timeout(executor.schedule(() -> produce.forceComplete(ErrorCode.REQUEST_TIMED_OUT),
                    Math.max(0, timeoutMs), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            produce.forceComplete(ErrorCode.REQUEST_TIMED_OUT);
        }
        produce.tryComplete();
        return produce.future();
    }

    @Override
    public void onChange(TopicPartition partition) {
        for (DelayedProduce produce : waiting.on(partition)) {
            produce.tryComplete();
        }
    }

    /** @return how many produces wait (tests, metrics) */
    public int parkedCount() {
        return waiting.all().size();
    }

    @Override
    public void close() throws InterruptedException {
        ScheduledThreadPoolExecutor executor = scheduler;
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        for (DelayedProduce produce : waiting.all()) {
            produce.forceComplete(ErrorCode.REQUEST_TIMED_OUT);
        }
    }
}
