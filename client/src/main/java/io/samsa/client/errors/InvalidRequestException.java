package io.samsa.client.errors;

/**
 * The broker found the request malformed.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_REQUEST}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidRequestException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
