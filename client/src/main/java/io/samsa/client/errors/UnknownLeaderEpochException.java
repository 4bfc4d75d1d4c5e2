package io.samsa.client.errors;

/**
 * The leader epoch in the request is newer than the broker's.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#UNKNOWN_LEADER_EPOCH}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class UnknownLeaderEpochException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public UnknownLeaderEpochException(String message) {
        super(message);
    }

    public UnknownLeaderEpochException(String message, Throwable cause) {
        super(message, cause);
    }
}
