package io.samsa.client.errors;

/**
 * The leader epoch in the request is older than the broker's.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#FENCED_LEADER_EPOCH}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class FencedLeaderEpochException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public FencedLeaderEpochException(String message) {
        super(message);
    }

    public FencedLeaderEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
