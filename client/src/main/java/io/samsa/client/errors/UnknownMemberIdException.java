package io.samsa.client.errors;

/**
 * The coordinator does not know this member id.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#UNKNOWN_MEMBER_ID}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class UnknownMemberIdException extends ApplicationRecoverableException {
    private static final long serialVersionUID = 1L;

    public UnknownMemberIdException(String message) {
        super(message);
    }

    public UnknownMemberIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
