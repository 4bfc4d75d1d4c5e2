package io.samsa.client.errors;

/**
 * The broker received an out-of-order sequence number from an idempotent producer.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#OUT_OF_ORDER_SEQUENCE_NUMBER}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class OutOfOrderSequenceException extends ApiException {
    private static final long serialVersionUID = 1L;

    public OutOfOrderSequenceException(String message) {
        super(message);
    }

    public OutOfOrderSequenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
