package io.samsa.client.errors;

/**
 * The number of partitions is invalid.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_PARTITIONS}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidPartitionsException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidPartitionsException(String message) {
        super(message);
    }

    public InvalidPartitionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
