package io.samsa.broker.network;

import java.util.ArrayDeque;

/**
 * Keeps a connection's responses in request order: requests take a slot when they are read;
 * handlers complete slots in any order; only a completed slot at the head may leave.
 *
 * <pre>
 *  read order:   [c=1 pending] [c=2 done] [c=3 done]   -> nothing leaves
 *  c=1 completes: [c=1 done] [c=2 done] [c=3 done]      -> 1, 2, 3 leave in that order
 * </pre>
 *
 * <p>Confined to the connection's event loop.
 */
final class ResponseSequencer {
    private final ArrayDeque<PendingResponse> slots = new ArrayDeque<>();

    /** Appends a slot for a request just read. */
    PendingResponse add(String apiName, int correlationId, short responseHeaderVersion) {
        PendingResponse slot = new PendingResponse(apiName, correlationId, responseHeaderVersion);
        slots.addLast(slot);
        return slot;
    }

    /** @return the head slot if it is done (removing it), else null */
    PendingResponse pollReady() {
        PendingResponse head = slots.peekFirst();
        if (head == null || !head.isDone()) {
            return null;
        }
        return slots.pollFirst();
    }

    /** @return requests read but not yet answered */
    int size() {
        return slots.size();
    }

    /**
     * Drops every slot (the connection closed): completed ones release their sends now; pending
     * ones are released by the dispatcher when their futures complete.
     *
     * @return how many slots were dropped
     */
    int clear() {
        int dropped = slots.size();
        slots.forEach(PendingResponse::releaseSend);
        slots.clear();
        return dropped;
    }
}
