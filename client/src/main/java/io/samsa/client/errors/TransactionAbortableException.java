package io.samsa.client.errors;

/**
 * The transaction must be aborted.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#TRANSACTION_ABORTABLE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class TransactionAbortableException extends ApiException {
    private static final long serialVersionUID = 1L;

    public TransactionAbortableException(String message) {
        super(message);
    }

    public TransactionAbortableException(String message, Throwable cause) {
        super(message, cause);
    }
}
