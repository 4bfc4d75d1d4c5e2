package io.samsa.client.errors;

/**
 * The broker has no state for this producer id.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#UNKNOWN_PRODUCER_ID}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class UnknownProducerIdException extends OutOfOrderSequenceException {
    private static final long serialVersionUID = 1L;

    public UnknownProducerIdException(String message) {
        super(message);
    }

    public UnknownProducerIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
