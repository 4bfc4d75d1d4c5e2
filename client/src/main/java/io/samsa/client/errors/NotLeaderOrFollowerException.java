package io.samsa.client.errors;

/**
 * The broker is not the leader (or a replica) of the partition.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#NOT_LEADER_OR_FOLLOWER}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class NotLeaderOrFollowerException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public NotLeaderOrFollowerException(String message) {
        super(message);
    }

    public NotLeaderOrFollowerException(String message, Throwable cause) {
        super(message, cause);
    }
}
