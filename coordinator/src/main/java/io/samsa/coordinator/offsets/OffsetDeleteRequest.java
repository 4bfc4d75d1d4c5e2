package io.samsa.coordinator.offsets;

import java.util.List;
import java.util.Objects;

/** An OffsetDelete request in domain terms. Immutable; thread-safe. */
public record OffsetDeleteRequest(String groupId, List<TopicPartition> partitions) {
    public OffsetDeleteRequest {
        Objects.requireNonNull(groupId, "groupId");
        partitions = List.copyOf(partitions);
    }
}
