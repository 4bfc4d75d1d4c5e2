package io.samsa.client.errors;

/**
 * The offset commit data is too large.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_COMMIT_OFFSET_SIZE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidCommitOffsetSizeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidCommitOffsetSizeException(String message) {
        super(message);
    }

    public InvalidCommitOffsetSizeException(String message, Throwable cause) {
        super(message, cause);
    }
}
