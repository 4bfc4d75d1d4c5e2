package io.samsa.client.errors;

import io.samsa.client.common.TopicPartition;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The consumer has no committed offset for some partitions and {@code auto.offset.reset} is
 * {@code none}.
 *
 * <p>Immutable; safe to share between threads.
 */
public class NoOffsetForPartitionException extends InvalidOffsetException {
    private static final long serialVersionUID = 1L;

    private final Set<TopicPartition> partitions;

    public NoOffsetForPartitionException(TopicPartition partition) {
        this(Collections.singleton(partition));
    }

    public NoOffsetForPartitionException(Collection<TopicPartition> partitions) {
        super("Undefined offset with no reset policy for partitions: " + partitions);
        this.partitions = Collections.unmodifiableSet(new LinkedHashSet<>(partitions));
    }

    @Override
    public Set<TopicPartition> partitions() {
        return partitions;
    }
}
