package io.samsa.client.errors;

/**
 * Not authorized to access the group.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#GROUP_AUTHORIZATION_FAILED}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class GroupAuthorizationException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    public GroupAuthorizationException(String message) {
        super(message);
    }

    public GroupAuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
