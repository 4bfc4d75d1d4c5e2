package io.samsa.client.errors;

/**
 * An error after which the same operation may succeed if retried; the engines retry these until their timeout.
 *
 * <p>Immutable; safe to share between threads.
 */
public class RetriableException extends ApiException {
    private static final long serialVersionUID = 1L;

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
