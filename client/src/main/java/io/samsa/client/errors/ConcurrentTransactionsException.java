package io.samsa.client.errors;

/**
 * Another operation on the same transaction is in progress.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#CONCURRENT_TRANSACTIONS}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class ConcurrentTransactionsException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public ConcurrentTransactionsException(String message) {
        super(message);
    }

    public ConcurrentTransactionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
