package io.samsa.client.errors;

/**
 * The broker rejected a record as invalid.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_RECORD}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidRecordException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
