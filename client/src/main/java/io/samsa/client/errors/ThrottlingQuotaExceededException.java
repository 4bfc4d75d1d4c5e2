package io.samsa.client.errors;

/**
 * The throttling quota has been exceeded.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#THROTTLING_QUOTA_EXCEEDED}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class ThrottlingQuotaExceededException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public ThrottlingQuotaExceededException(String message) {
        super(message);
    }

    public ThrottlingQuotaExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
