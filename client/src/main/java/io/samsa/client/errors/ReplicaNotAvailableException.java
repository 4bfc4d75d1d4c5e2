package io.samsa.client.errors;

/**
 * The replica is not available for the partition.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#REPLICA_NOT_AVAILABLE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class ReplicaNotAvailableException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public ReplicaNotAvailableException(String message) {
        super(message);
    }

    public ReplicaNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
