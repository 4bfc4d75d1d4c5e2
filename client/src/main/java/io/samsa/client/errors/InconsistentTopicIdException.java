package io.samsa.client.errors;

/**
 * The topic id does not match the log's.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#INCONSISTENT_TOPIC_ID}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class InconsistentTopicIdException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public InconsistentTopicIdException(String message) {
        super(message);
    }

    public InconsistentTopicIdException(String message, Throwable cause) {
        super(message, cause);
    }
}
