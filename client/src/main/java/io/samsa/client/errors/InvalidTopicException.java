package io.samsa.client.errors;

/**
 * The topic name is invalid or the topic is internal.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INVALID_TOPIC_EXCEPTION}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InvalidTopicException extends InvalidConfigurationException {
    private static final long serialVersionUID = 1L;

    public InvalidTopicException(String message) {
        super(message);
    }

    public InvalidTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
