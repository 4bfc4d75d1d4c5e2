package io.samsa.client.errors;

/**
 * The group is rebalancing; the member must rejoin.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#REBALANCE_IN_PROGRESS}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class RebalanceInProgressException extends ApiException {
    private static final long serialVersionUID = 1L;

    public RebalanceInProgressException(String message) {
        super(message);
    }

    public RebalanceInProgressException(String message, Throwable cause) {
        super(message, cause);
    }
}
