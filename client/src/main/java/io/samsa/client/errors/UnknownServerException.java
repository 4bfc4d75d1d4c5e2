package io.samsa.client.errors;

/**
 * The broker hit an unexpected error (or sent a code this client does not know).
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#UNKNOWN_SERVER_ERROR}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class UnknownServerException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnknownServerException(String message) {
        super(message);
    }

    public UnknownServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
