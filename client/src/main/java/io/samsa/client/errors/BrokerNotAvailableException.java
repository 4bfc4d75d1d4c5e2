package io.samsa.client.errors;

/**
 * The broker is not available.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#BROKER_NOT_AVAILABLE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class BrokerNotAvailableException extends ApiException {
    private static final long serialVersionUID = 1L;

    public BrokerNotAvailableException(String message) {
        super(message);
    }

    public BrokerNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
