package io.samsa.client.errors;

/**
 * An operation did not complete within its timeout.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#REQUEST_TIMED_OUT}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class TimeoutException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public TimeoutException(String message) {
        super(message);
    }

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
