package io.samsa.client.errors;

/**
 * The member's protocols do not match the group's.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INCONSISTENT_GROUP_PROTOCOL}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InconsistentGroupProtocolException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InconsistentGroupProtocolException(String message) {
        super(message);
    }

    public InconsistentGroupProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
