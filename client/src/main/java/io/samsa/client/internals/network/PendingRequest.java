package io.samsa.client.internals.network;

import io.samsa.protocol.types.ApiMessage;
import java.util.concurrent.CompletableFuture;

/**
 * A request accepted by the {@link NetworkClient}: waiting for a connection slot, then in flight.
 * Its deadline counts from acceptance, so time spent queueing is part of request.timeout.ms.
 *
 * <p>Not thread-safe: touched only on the network thread (the future may be completed from any).
 */
final class PendingRequest {
    final ClientRequest request;
    final CompletableFuture<ApiMessage> future;
    final long deadlineMs;
    /** Set when sent. */
    int correlationId;
    short version;
    boolean handshake;

    PendingRequest(ClientRequest request, CompletableFuture<ApiMessage> future, long deadlineMs) {
        this.request = request;
        this.future = future;
        this.deadlineMs = deadlineMs;
    }

    boolean expired(long nowMs) {
        return deadlineMs - nowMs <= 0;
    }
}
