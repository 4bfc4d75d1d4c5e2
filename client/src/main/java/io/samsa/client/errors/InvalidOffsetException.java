package io.samsa.client.errors;

import io.samsa.client.common.TopicPartition;
import java.util.Set;

/**
 * The consumer has no valid position for some partitions and its reset policy could not give one.
 * Subclasses say why; {@link #partitions()} says which.
 *
 * <p>Immutable; safe to share between threads.
 */
public abstract class InvalidOffsetException extends KafkaException {
    private static final long serialVersionUID = 1L;

    protected InvalidOffsetException(String message) {
        super(message);
    }

    /** The partitions whose position is invalid. */
    public abstract Set<TopicPartition> partitions();
}
