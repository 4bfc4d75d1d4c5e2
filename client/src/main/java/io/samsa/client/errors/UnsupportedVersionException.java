package io.samsa.client.errors;

/**
 * The broker does not support the API version (or feature) needed.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#UNSUPPORTED_VERSION}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class UnsupportedVersionException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public UnsupportedVersionException(String message) {
        super(message);
    }

    public UnsupportedVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
