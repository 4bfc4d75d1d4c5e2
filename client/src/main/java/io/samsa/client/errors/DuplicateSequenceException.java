package io.samsa.client.errors;

/**
 * The broker received a duplicate sequence number.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#DUPLICATE_SEQUENCE_NUMBER}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class DuplicateSequenceException extends ApiException {
    private static final long serialVersionUID = 1L;

    public DuplicateSequenceException(String message) {
        super(message);
    }

    public DuplicateSequenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
