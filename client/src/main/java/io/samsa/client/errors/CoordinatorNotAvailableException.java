package io.samsa.client.errors;

/**
 * The coordinator is not available; find it again.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#COORDINATOR_NOT_AVAILABLE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class CoordinatorNotAvailableException extends RefreshRetriableException {
    private static final long serialVersionUID = 1L;

    public CoordinatorNotAvailableException(String message) {
        super(message);
    }

    public CoordinatorNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
