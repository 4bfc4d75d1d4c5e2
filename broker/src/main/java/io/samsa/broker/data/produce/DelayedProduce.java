package io.samsa.broker.data.produce;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.storage.TopicPartition;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An acks=all produce whose batches are appended and which waits until each partition's high
 * watermark passed its batch (or an error, or its timeout_ms). Completed exactly once.
 *
 * <p>Thread-safe: checks may run concurrently on any thread (they only read partition state); the
 * CAS on {@code done} lets one of them write the errors and complete the future.
 */
final class DelayedProduce {
    private final ProduceResponse response;
    private final List<PendingAck> pending;
    private final CompletableFuture<ProduceResponse> future = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;

    DelayedProduce(ProduceResponse response, List<PendingAck> pending) {
        this.response = response;
        this.pending = pending;
    }

    /** @return the partitions it waits on */
    List<TopicPartition> partitions() {
        return pending.stream().map(ack -> ack.partition().topicPartition()).toList();
    }

    CompletableFuture<ProduceResponse> future() {
        return future;
    }

    void timeout(ScheduledFuture<?> timeout) {
        this.timeout = timeout;
    }

    /** @return whether this call completed the produce (every partition has its outcome) */
    boolean tryComplete() {
        if (done.get()) {
            return false;
        }
        for (PendingAck ack : pending) {
            if (ack.check() == null) {
                return false;
            }
        }
        return complete(null);
    }

    /** Completes now: partitions still waiting answer {@code unfinished} (REQUEST_TIMED_OUT, or at close). */
    boolean forceComplete(ErrorCode unfinished) {
        return complete(unfinished);
    }

    private boolean complete(ErrorCode unfinished) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> pendingTimeout = timeout;
        if (pendingTimeout != null) {
            pendingTimeout.cancel(false);
        }
        for (PendingAck ack : pending) {
            ErrorCode outcome = ack.check();
            ErrorCode error = outcome == null ? unfinished : outcome;
            if (error != ErrorCode.NONE) {
                ack.response().setErrorCode(error.code()).setErrorMessage(error == ErrorCode.REQUEST_TIMED_OUT
                        ? "the in-sync replicas did not acknowledge the batch within timeout_ms" : null);
            }
        }
        future.complete(response);
        return true;
    }
}
