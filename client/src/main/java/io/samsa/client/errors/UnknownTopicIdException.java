package io.samsa.client.errors;

/**
 * The broker does not host this topic id.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#UNKNOWN_TOPIC_ID}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class UnknownTopicIdException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public UnknownTopicIdException(String message) {
        super(message);
    }

    public UnknownTopicIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
