package io.samsa.client.errors;

/**
 * A retriable error after which the client must first rediscover something (such as its coordinator).
 *
 * <p>Immutable; safe to share between threads.
 */
public class RefreshRetriableException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public RefreshRetriableException(String message) {
        super(message);
    }

    public RefreshRetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
