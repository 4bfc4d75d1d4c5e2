package io.samsa.client.errors;

/**
 * The replication factor is invalid.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_REPLICATION_FACTOR}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidReplicationFactorException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public InvalidReplicationFactorException(String message) {
        super(message);
    }

    public InvalidReplicationFactorException(String message, Throwable cause) {
        super(message, cause);
    }
}
