package io.samsa.broker.topics;

import io.samsa.protocol.ErrorCode;

/**
 * A topic operation was refused, with the Kafka error code that reports it (for example
 * TOPIC_ALREADY_EXISTS, INVALID_PARTITIONS, UNKNOWN_TOPIC_OR_PARTITION) and a message for the
 * response's error_message field. Handlers turn it into a per-topic error; it never reaches the
 * network layer.
 */
public final class TopicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode error;

    public TopicException(ErrorCode error, String message) {
        super(message);
        this.error = error;
    }

    /** @return the error code to answer with */
    public ErrorCode error() {
        return error;
    }
}
