package io.samsa.client.errors;

/**
 * The principal is not allowed to perform the operation.
 *
 * <p>Immutable; safe to share between threads.
 */
public class AuthorizationException extends ApiException {
    private static final long serialVersionUID = 1L;

    public AuthorizationException(String message) {
        super(message);
    }

    public AuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
