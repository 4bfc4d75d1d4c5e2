package io.samsa.client.errors;

/**
 * The replica assignment is invalid.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_REPLICA_ASSIGNMENT}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidReplicaAssignmentException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidReplicaAssignmentException(String message) {
        super(message);
    }

    public InvalidReplicaAssignmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
