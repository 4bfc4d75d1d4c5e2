package io.samsa.client.errors;

/**
 * The session timeout is outside the broker's allowed range.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_SESSION_TIMEOUT}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidSessionTimeoutException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidSessionTimeoutException(String message) {
        super(message);
    }

    public InvalidSessionTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
