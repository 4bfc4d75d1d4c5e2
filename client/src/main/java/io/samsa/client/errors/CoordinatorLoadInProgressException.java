package io.samsa.client.errors;

/**
 * The coordinator is still loading its state.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#COORDINATOR_LOAD_IN_PROGRESS}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class CoordinatorLoadInProgressException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public CoordinatorLoadInProgressException(String message) {
        super(message);
    }

    public CoordinatorLoadInProgressException(String message, Throwable cause) {
        super(message, cause);
    }
}
