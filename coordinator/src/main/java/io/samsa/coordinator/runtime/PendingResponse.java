package io.samsa.coordinator.runtime;

import io.samsa.protocol.ErrorCode;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operation's answer waiting in the {@link DeferredEventQueue}: once write {@code waitsFor} is
 * durable it tells the result's {@link AppendListener} and completes the response; if that write
 * fails it tells the listener the error and fails the response with it. Runs on the partition's
 * event thread; not thread-safe.
 */
final class PendingResponse<T> implements DeferredEventQueue.DeferredEvent {
    private static final Logger LOG = LoggerFactory.getLogger(PendingResponse.class);

    private final long waitsFor;
    private final CoordinatorResult<T> result;
    private final CompletableFuture<T> response;

    PendingResponse(long waitsFor, CoordinatorResult<T> result, CompletableFuture<T> response) {
        this.waitsFor = waitsFor;
        this.result = result;
        this.response = response;
    }

    @Override
    public long waitsFor() {
        return waitsFor;
    }

    @Override
    public void complete() {
        notifyListener(ErrorCode.NONE);
        response.complete(result.response());
    }

    @Override
    public void fail(ErrorCode error) {
        fail(error, "the write this answer depends on failed");
    }

    /** Fails at once, e.g. before anything was appended. */
    void fail(ErrorCode error, String message) {
        notifyListener(error);
        response.completeExceptionally(new CoordinatorException(error, message));
    }

    private void notifyListener(ErrorCode error) {
        try {
            result.appendListener().onAppendComplete(error);
        } catch (RuntimeException e) {
            LOG.error("append listener failed", e);
        }
    }
}
