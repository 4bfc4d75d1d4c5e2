package io.samsa.broker.network;

import io.samsa.broker.api.ResponseSend;

/**
 * One request's place in its connection's response order: pending until its handler's future
 * completes, then holding the send (or the failure) until every earlier response is written.
 *
 * <p>Confined to the connection's event loop.
 */
final class PendingResponse {
    private final String apiName;
    private final int correlationId;
    private final short responseHeaderVersion;
    private boolean done;
    private ResponseSend send;
    private Throwable failure;

    PendingResponse(String apiName, int correlationId, short responseHeaderVersion) {
        this.apiName = apiName;
        this.correlationId = correlationId;
        this.responseHeaderVersion = responseHeaderVersion;
    }

    /** @param send transferred: this slot owns it until written or released */
    void complete(ResponseSend send) {
        this.send = send;
        this.done = true;
    }

    void fail(Throwable failure) {
        this.failure = failure;
        this.done = true;
    }

    boolean isDone() {
        return done;
    }

    /** @return the send (owned by this slot until taken), or null after a failure */
    ResponseSend send() {
        return send;
    }

    Throwable failure() {
        return failure;
    }

    /** Releases the send if the slot holds one; safe to call more than once. */
    void releaseSend() {
        if (send != null) {
            send.release();
        }
    }

    String apiName() {
        return apiName;
    }

    int correlationId() {
        return correlationId;
    }

    short responseHeaderVersion() {
        return responseHeaderVersion;
    }
}
