package io.samsa.client.errors;

/**
 * The connection broke before a response arrived.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#NETWORK_EXCEPTION}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class NetworkException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public NetworkException(String message) {
        super(message);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
