package io.samsa.client.errors;

/**
 * The group still has members.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#NON_EMPTY_GROUP}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class GroupNotEmptyException extends ApiException {
    private static final long serialVersionUID = 1L;

    public GroupNotEmptyException(String message) {
        super(message);
    }

    public GroupNotEmptyException(String message, Throwable cause) {
        super(message, cause);
    }
}
