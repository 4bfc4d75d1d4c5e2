package io.samsa.client.errors;

/**
 * The group does not exist.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#GROUP_ID_NOT_FOUND}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class GroupIdNotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    public GroupIdNotFoundException(String message) {
        super(message);
    }

    public GroupIdNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
