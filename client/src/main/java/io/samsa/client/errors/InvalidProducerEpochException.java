package io.samsa.client.errors;

/**
 * The producer epoch is stale.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_PRODUCER_EPOCH}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidProducerEpochException extends ApplicationRecoverableException {
    private static final long serialVersionUID = 1L;

    public InvalidProducerEpochException(String message) {
        super(message);
    }

    public InvalidProducerEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
