package io.samsa.client.errors;

/**
 * Not authorized to access one or more topics.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#TOPIC_AUTHORIZATION_FAILED}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class TopicAuthorizationException extends AuthorizationException {
    private static final long serialVersionUID = 1L;

    public TopicAuthorizationException(String message) {
        super(message);
    }

    public TopicAuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
