package io.samsa.client.errors;

/**
 * Not authorized for the cluster operation.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#CLUSTER_AUTHORIZATION_FAILED}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class ClusterAuthorizationException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    public ClusterAuthorizationException(String message) {
        super(message);
    }

    public ClusterAuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
