package io.samsa.client.errors;

/**
 * Fewer in-sync replicas than min.insync.replicas; nothing was written.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#NOT_ENOUGH_REPLICAS}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class NotEnoughReplicasException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public NotEnoughReplicasException(String message) {
        super(message);
    }

    public NotEnoughReplicasException(String message, Throwable cause) {
        super(message, cause);
    }
}
