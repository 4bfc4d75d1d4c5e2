package io.samsa.client.errors;

/**
 * A record is larger than the broker's or the producer's maximum.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#MESSAGE_TOO_LARGE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class RecordTooLargeException extends ApiException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(String message) {
        super(message);
    }

    public RecordTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
