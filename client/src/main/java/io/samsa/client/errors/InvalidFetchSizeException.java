package io.samsa.client.errors;

/**
 * The requested fetch size is invalid.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_FETCH_SIZE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidFetchSizeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidFetchSizeException(String message) {
        super(message);
    }

    public InvalidFetchSizeException(String message, Throwable cause) {
        super(message, cause);
    }
}
