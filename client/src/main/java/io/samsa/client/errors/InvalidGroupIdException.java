package io.samsa.client.errors;

/**
 * The group id is invalid (for example empty).
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_GROUP_ID}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidGroupIdException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidGroupIdException(String message) {
        super(message);
    }

    public InvalidGroupIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
