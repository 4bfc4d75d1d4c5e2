package io.samsa.client.errors;

/**
 * A record failed its CRC check or is otherwise corrupt.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#CORRUPT_MESSAGE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class CorruptRecordException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
