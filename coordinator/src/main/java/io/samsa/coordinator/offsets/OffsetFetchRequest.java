package io.samsa.coordinator.offsets;

import java.util.List;
import java.util.Objects;

/**
 * An OffsetFetch request for one group in domain terms. Immutable; thread-safe.
 *
 * @param partitions  the partitions to fetch, or null for every partition the group committed
 * @param memberId    the fetching consumer-protocol member (v9+), or null
 * @param memberEpoch its member epoch (v9+), or -1
 */
public record OffsetFetchRequest(String groupId, List<TopicPartition> partitions, String memberId, int memberEpoch) {

    /** A fetch that names no member: admin clients and classic consumers. */
    public OffsetFetchRequest(String groupId, List<TopicPartition> partitions) {
        this(groupId, partitions, null, -1);
    }

    public OffsetFetchRequest {
        Objects.requireNonNull(groupId, "groupId");
        partitions = partitions == null ? null : List.copyOf(partitions);
    }

    /** @return a request for every committed partition of the group */
    public static OffsetFetchRequest allPartitions(String groupId) {
        return new OffsetFetchRequest(groupId, null);
    }
}
