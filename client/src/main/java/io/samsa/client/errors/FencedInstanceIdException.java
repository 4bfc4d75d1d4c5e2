package io.samsa.client.errors;

/**
 * Another member registered with the same group.instance.id.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#FENCED_INSTANCE_ID}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class FencedInstanceIdException extends ApplicationRecoverableException {
    private static final long serialVersionUID = 1L;

    public FencedInstanceIdException(String message) {
        super(message);
    }

    public FencedInstanceIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
