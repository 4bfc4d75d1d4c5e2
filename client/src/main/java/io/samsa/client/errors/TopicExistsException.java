package io.samsa.client.errors;

/**
 * A topic with this name already exists.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#TOPIC_ALREADY_EXISTS}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class TopicExistsException extends ApiException {
    private static final long serialVersionUID = 1L;

    public TopicExistsException(String message) {
        super(message);
    }

    public TopicExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
