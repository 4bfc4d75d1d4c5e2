package io.samsa.client.errors;

import io.samsa.client.common.TopicPartition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A fetch position is outside the log's range and there is no reset policy. Also the exception for
 * the broker error {@link io.samsa.protocol.ErrorCode#OFFSET_OUT_OF_RANGE}, in which case the
 * partition map is empty (the broker does not say which offsets).
 *
 * <p>Immutable; safe to share between threads.
 */
public class OffsetOutOfRangeException extends InvalidOffsetException {
    private static final long serialVersionUID = 1L;

    private final Map<TopicPartition, Long> offsetOutOfRangePartitions;

    public OffsetOutOfRangeException(String message) {
        this(message, Collections.emptyMap());
    }

    public OffsetOutOfRangeException(Map<TopicPartition, Long> offsetOutOfRangePartitions) {
        this("Offsets out of range with no configured reset policy for partitions: " + offsetOutOfRangePartitions,
            offsetOutOfRangePartitions);
    }

    public OffsetOutOfRangeException(String message, Map<TopicPartition, Long> offsetOutOfRangePartitions) {
        super(message);
        this.offsetOutOfRangePartitions = Collections.unmodifiableMap(new LinkedHashMap<>(offsetOutOfRangePartitions));
    }

    /** The out-of-range fetch offset of each partition. */
    public Map<TopicPartition, Long> offsetOutOfRangePartitions() {
        return offsetOutOfRangePartitions;
    }

    @Override
    public Set<TopicPartition> partitions() {
        return offsetOutOfRangePartitions.keySet();
    }
}
