package io.samsa.broker.data.produce;

import io.samsa.protocol.util.Time;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Producer ids in a cluster: blocks handed out by the controller (Kafka's RPC producer id
 * manager). The next block is asked for once 90% of the current one is used, so a busy broker
 * rarely runs dry; when it does, {@link #nextId} answers {@link #NONE} at once (the handler turns
 * that into COORDINATOR_LOAD_IN_PROGRESS, which clients retry) and the request is already on its
 * way. One request at a time; a failed one may be repeated after {@code retryBackoffMs}.
 *
 * <p>The controller records every block in the metadata log before answering, so no id repeats
 * across brokers or restarts; ids left in a block when the broker stops are skipped, as in Kafka.
 *
 * <p>Thread-safe: a short synchronized section per call, no I/O under the lock (the request is
 * sent after it is released).
 */
public final class QuorumProducerIdAllocator implements ProducerIdSource {
    /** Kafka asks for the next block once this share of the current one is used. */
    static final double PREFETCH_RATIO = 0.9;

    private static final Logger LOG = LoggerFactory.getLogger(QuorumProducerIdAllocator.class);

    private final ProducerIdBlockSource controller;
    private final Time time;
    private final long retryBackoffMs;
    private long next;
    private long blockEnd;
    private long prefetchAt;
    private ProducerIdBlockSource.Block prefetched;
    private boolean requestInFlight;
    private long noRequestBeforeMs;

    /** @param retryBackoffMs how long after a failed request the next one may go out */
    public QuorumProducerIdAllocator(ProducerIdBlockSource controller, Time time, long retryBackoffMs) {
        this.controller = controller;
        this.time = time;
        this.retryBackoffMs = retryBackoffMs;
    }

    @Override
    public String name() {
        return "producer-ids (controller blocks)";
    }

    /** Asks for the first block, so the first InitProducerId rarely has to wait. */
    @Override
    public void start() {
        maybeRequest(time.milliseconds());
    }

    @Override
    public long nextId() {
        long id;
        synchronized (this) {
            if (next == blockEnd && prefetched != null) {
                use(prefetched);
                prefetched = null;
            }
            id = next < blockEnd ? next++ : NONE;
        }
        maybeRequest(time.milliseconds());
        return id;
    }

    private void use(ProducerIdBlockSource.Block block) {
        next = block.firstId();
        blockEnd = block.endId();
        prefetchAt = block.firstId() + (long) Math.ceil(block.size() * PREFETCH_RATIO);
    }

    /** Sends a request when the next block is due and none is pending. */
    private void maybeRequest(long nowMs) {
        synchronized (this) {
            boolean due = prefetched == null && (next >= prefetchAt || next == blockEnd);
            if (!due || requestInFlight || nowMs - noRequestBeforeMs < 0) {
                return;
            }
            requestInFlight = true;
        }
        CompletableFuture<ProducerIdBlockSource.Block> answer;
        try {
            answer = controller.requestBlock();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete(this::onBlock);
    }

    private void onBlock(ProducerIdBlockSource.Block block, Throwable error) {
        synchronized (this) {
            requestInFlight = false;
            if (error != null) {
                noRequestBeforeMs = time.milliseconds() + retryBackoffMs;
            } else if (next == blockEnd) {
                use(block);
            } else {
                prefetched = block;
            }
        }
        if (error != null) {
            LOG.warn("No producer id block from the controller ({}); asking again in {} ms", error.getMessage(), retryBackoffMs);
        }
    }

    @Override
    public void close() {
    }
}
