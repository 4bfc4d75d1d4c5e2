package io.samsa.client.errors;

/**
 * The broker is not the coordinator for this group; find the coordinator again.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#NOT_COORDINATOR}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class NotCoordinatorException extends RefreshRetriableException {
    private static final long serialVersionUID = 1L;

    public NotCoordinatorException(String message) {
        super(message);
    }

    public NotCoordinatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
