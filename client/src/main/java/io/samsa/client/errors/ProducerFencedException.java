package io.samsa.client.errors;

/**
 * A newer producer with the same transactional id fenced this one.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#PRODUCER_FENCED}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class ProducerFencedException extends ApplicationRecoverableException {
    private static final long serialVersionUID = 1L;

    public ProducerFencedException(String message) {
        super(message);
    }

    public ProducerFencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
