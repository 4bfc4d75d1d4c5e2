package io.samsa.coordinator.offsets;

import java.util.List;
import java.util.Objects;

/**
 * An OffsetFetch request for one group in domain terms. Immutable; thread-safe.
 *
 * @param partitions the partitions to fetch, or null for every partition the group committed
 */
public record OffsetFetchRequest(String groupId, List<TopicPartition> partitions) {
    public OffsetFetchRequest {
        Objects.requireNonNull(groupId, "groupId");
        partitions = partitions == null ? null : List.copyOf(partitions);
    }

    /** @return a request for every committed partition of the group */
    public static OffsetFetchRequest allPartitions(String groupId) {
        return new OffsetFetchRequest(groupId, null);
    }
}
