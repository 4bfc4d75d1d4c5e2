package io.samsa.client.errors;

/**
 * The leader's high watermark has not caught up yet.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#OFFSET_NOT_AVAILABLE}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class OffsetNotAvailableException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public OffsetNotAvailableException(String message) {
        super(message);
    }

    public OffsetNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
