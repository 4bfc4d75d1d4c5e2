package io.samsa.client.errors;

/**
 * The subscription regular expression is invalid.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_REGULAR_EXPRESSION}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidRegularExpression extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidRegularExpression(String message) {
        super(message);
    }

    public InvalidRegularExpression(String message, Throwable cause) {
        super(message, cause);
    }
}
