package io.samsa.client.errors;

/**
 * The group.instance.id is still held by another member.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#UNRELEASED_INSTANCE_ID}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class UnreleasedInstanceIdException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnreleasedInstanceIdException(String message) {
        super(message);
    }

    public UnreleasedInstanceIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
