package io.samsa.client.errors;

/**
 * The transactional operation is invalid in the current state.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_TXN_STATE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidTxnStateException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidTxnStateException(String message) {
        super(message);
    }

    public InvalidTxnStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
