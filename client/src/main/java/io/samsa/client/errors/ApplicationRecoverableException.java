package io.samsa.client.errors;

/**
 * An error the application can recover from by re-joining or re-initialising (for example a fenced member).
 *
 * <p>Immutable; safe to share between threads.
 */
public class ApplicationRecoverableException extends ApiException {
    private static final long serialVersionUID = 1L;

    public ApplicationRecoverableException(String message) {
        super(message);
    }

    public ApplicationRecoverableException(String message, Throwable cause) {
        super(message, cause);
    }
}
