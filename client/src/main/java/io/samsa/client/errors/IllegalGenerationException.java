package io.samsa.client.errors;

/**
 * The group generation in the request is not the current one.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#ILLEGAL_GENERATION}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class IllegalGenerationException extends ApplicationRecoverableException {
    private static final long serialVersionUID = 1L;

    public IllegalGenerationException(String message) {
        super(message);
    }

    public IllegalGenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
