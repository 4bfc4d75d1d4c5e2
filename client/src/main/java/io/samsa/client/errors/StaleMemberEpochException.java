package io.samsa.client.errors;

/**
 * The member epoch is stale.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#STALE_MEMBER_EPOCH}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class StaleMemberEpochException extends ApiException {
    private static final long serialVersionUID = 1L;

    public StaleMemberEpochException(String message) {
        super(message);
    }

    public StaleMemberEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
