package io.samsa.client.errors;

/**
 * The group is full.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#GROUP_MAX_SIZE_REACHED}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class GroupMaxSizeReachedException extends ApiException {
    private static final long serialVersionUID = 1L;

    public GroupMaxSizeReachedException(String message) {
        super(message);
    }

    public GroupMaxSizeReachedException(String message, Throwable cause) {
        super(message, cause);
    }
}
