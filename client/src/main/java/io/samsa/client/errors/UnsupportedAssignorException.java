package io.samsa.client.errors;

/**
 * The group does not support the requested server assignor.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#UNSUPPORTED_ASSIGNOR}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class UnsupportedAssignorException extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedAssignorException(String message) {
        super(message);
    }

    public UnsupportedAssignorException(String message, Throwable cause) {
        super(message, cause);
    }
}
