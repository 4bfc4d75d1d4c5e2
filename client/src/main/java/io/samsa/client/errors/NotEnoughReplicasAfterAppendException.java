package io.samsa.client.errors;

/**
 * Written, but to fewer in-sync replicas than required.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#NOT_ENOUGH_REPLICAS_AFTER_APPEND}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class NotEnoughReplicasAfterAppendException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public NotEnoughReplicasAfterAppendException(String message) {
        super(message);
    }

    public NotEnoughReplicasAfterAppendException(String message, Throwable cause) {
        super(message, cause);
    }
}
