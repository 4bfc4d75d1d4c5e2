package io.samsa.client.errors;

/**
 * The request violates a broker policy.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#POLICY_VIOLATION}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class PolicyViolationException extends ApiException {
    private static final long serialVersionUID = 1L;

    public PolicyViolationException(String message) {
        super(message);
    }

    public PolicyViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
