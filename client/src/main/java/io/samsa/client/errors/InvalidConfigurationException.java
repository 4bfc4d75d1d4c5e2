package io.samsa.client.errors;

/**
 * A request carried a configuration the broker rejects.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_CONFIG}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidConfigurationException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message);
    }

    public InvalidConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
