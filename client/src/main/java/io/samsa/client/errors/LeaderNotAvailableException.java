package io.samsa.client.errors;

/**
 * The partition has no leader right now (an election is in progress).
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#LEADER_NOT_AVAILABLE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class LeaderNotAvailableException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public LeaderNotAvailableException(String message) {
        super(message);
    }

    public LeaderNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
