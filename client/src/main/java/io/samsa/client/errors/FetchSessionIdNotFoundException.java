package io.samsa.client.errors;

/**
 * The fetch session is unknown to the broker.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#FETCH_SESSION_ID_NOT_FOUND}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class FetchSessionIdNotFoundException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public FetchSessionIdNotFoundException(String message) {
        super(message);
    }

    public FetchSessionIdNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
