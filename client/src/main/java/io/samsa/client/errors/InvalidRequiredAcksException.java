package io.samsa.client.errors;

/**
 * The acks value of a produce request is invalid.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_REQUIRED_ACKS}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidRequiredAcksException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public InvalidRequiredAcksException(String message) {
        super(message);
    }

    public InvalidRequiredAcksException(String message, Throwable cause) {
        super(message, cause);
    }
}
