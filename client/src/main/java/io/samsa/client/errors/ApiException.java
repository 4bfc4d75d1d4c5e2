package io.samsa.client.errors;

/**
 * An error reported by a broker in a response (an error code), as opposed to a local failure.
 *
 * <p>Immutable; safe to share between threads.
 */
public class ApiException extends KafkaException {
    private static final long serialVersionUID = 1L;

    public ApiException(String message) {
        super(message);
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
