package io.samsa.client.errors;

/**
 * The broker does not host this topic-partition.
 *
 * <p>Broker error code: {@link io.samsa.protocol.ErrorCode#UNKNOWN_TOPIC_OR_PARTITION}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class UnknownTopicOrPartitionException extends InvalidMetadataException {
    private static final long serialVersionUID = 1L;

    public UnknownTopicOrPartitionException(String message) {
        super(message);
    }

    public UnknownTopicOrPartitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
