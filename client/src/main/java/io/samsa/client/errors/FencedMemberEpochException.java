package io.samsa.client.errors;

/**
 * The member epoch is fenced; the member must rejoin with epoch 0.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#FENCED_MEMBER_EPOCH}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class FencedMemberEpochException extends ApiException {
    private static final long serialVersionUID = 1L;

    public FencedMemberEpochException(String message) {
        super(message);
    }

    public FencedMemberEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
