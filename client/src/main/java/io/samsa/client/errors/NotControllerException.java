package io.samsa.client.errors;

/**
 * The broker is not the controller.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#NOT_CONTROLLER}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class NotControllerException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public NotControllerException(String message) {
        super(message);
    }

    public NotControllerException(String message, Throwable cause) {
        super(message, cause);
    }
}
