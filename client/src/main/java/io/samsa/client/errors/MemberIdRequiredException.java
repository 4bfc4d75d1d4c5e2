package io.samsa.client.errors;

/**
 * The member must rejoin with the member id the coordinator assigned.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#MEMBER_ID_REQUIRED}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class MemberIdRequiredException extends ApiException {
    private static final long serialVersionUID = 1L;

    public MemberIdRequiredException(String message) {
        super(message);
    }

    public MemberIdRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
