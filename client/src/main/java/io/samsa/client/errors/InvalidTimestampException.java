package io.samsa.client.errors;

/**
 * A record timestamp is out of the accepted range.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_TIMESTAMP}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidTimestampException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidTimestampException(String message) {
        super(message);
    }

    public InvalidTimestampException(String message, Throwable cause) {
        super(message, cause);
    }
}
