package io.samsa.client.errors;

/**
 * The fetch session epoch is invalid.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_FETCH_SESSION_EPOCH}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidFetchSessionEpochException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public InvalidFetchSessionEpochException(String message) {
        super(message);
    }

    public InvalidFetchSessionEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
