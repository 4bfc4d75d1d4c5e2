package io.samsa.broker.data.fetch;

import io.samsa.protocol.message.FetchRequest;
import io.samsa.storage.TopicPartition;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A parked Fetch: waiting until its partitions hold at least min_bytes for it, or its max_wait_ms
 * deadline. Re-read when one of its partitions is appended to; completed exactly once.
 *
 * <p>Thread-safe: {@link #tryComplete} may run concurrently from several threads; the CAS on
 * {@code done} lets one of them complete the future.
 */
final class DelayedFetch {
    private final FetchRequest request;
    private final short version;
    private final List<TopicPartition> partitions;
    private final CompletableFuture<FetchResult> future = new CompletableFuture<>();
    private final AtomicBoolean done = new AtomicBoolean();
    /** Set while a re-read is queued, so a burst of appends queues one re-read, not one each. */
    private final AtomicBoolean recheckQueued = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;

    DelayedFetch(FetchRequest request, short version, List<TopicPartition> partitions) {
        this.request = request;
        this.version = version;
        this.partitions = partitions;
    }

    List<TopicPartition> partitions() {
        return partitions;
    }

    CompletableFuture<FetchResult> future() {
        return future;
    }

    void timeout(ScheduledFuture<?> timeout) {
        this.timeout = timeout;
    }

    boolean isDone() {
        return done.get();
    }

    /** @return true when the caller should queue a re-read (none is queued yet) */
    boolean markRecheckQueued() {
        return !done.get() && recheckQueued.compareAndSet(false, true);
    }

    /**
     * Re-reads; completes when enough bytes (or an error) are there.
     *
     * @return whether this call completed the fetch
     */
    boolean tryComplete(FetchReader reader) {
        recheckQueued.set(false);
        if (done.get()) {
            return false;
        }
        FetchResult result = reader.read(request, version);
        if (result.bytes() >= request.minBytes() || result.anyError()) {
            return complete(result);
        }
        return false;
    }

    /** Completes with a fresh read whatever it holds (deadline, shutdown). */
    boolean forceComplete(FetchReader reader) {
        if (done.get()) {
            return false;
        }
        FetchResult result;
        try {
            result = reader.read(request, version);
        } catch (RuntimeException e) {
            if (done.compareAndSet(false, true)) {
                future.completeExceptionally(e);
            }
            return false;
        }
        return complete(result);
    }

    private boolean complete(FetchResult result) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> pending = timeout;
        if (pending != null) {
            pending.cancel(false);
        }
        future.complete(result);
        return true;
    }
}
