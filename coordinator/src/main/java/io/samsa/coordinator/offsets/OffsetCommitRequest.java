package io.samsa.coordinator.offsets;

import java.util.List;
import java.util.Objects;

/**
 * An OffsetCommit request (v0 to v8) in domain terms; the broker translates the wire message into
 * it. Immutable; thread-safe.
 *
 * @param groupId         the group
 * @param memberId        the committing member, or "" for standalone consumers and admin clients
 * @param generationId    the member's generation, or {@link #UNKNOWN_GENERATION}
 * @param groupInstanceId the static instance id (v7+), or null
 * @param retentionTimeMs explicit retention (v2 to v4), in ms, or {@link #DEFAULT_RETENTION}
 * @param apiVersion      the request version; some errors differ by version
 * @param partitions      the offsets to commit
 */
public record OffsetCommitRequest(String groupId, String memberId, int generationId, String groupInstanceId,
                                  long retentionTimeMs, short apiVersion, List<PartitionCommit> partitions) {

    public static final int UNKNOWN_GENERATION = -1;
    public static final long DEFAULT_RETENTION = -1L;

    public OffsetCommitRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        partitions = List.copyOf(partitions);
    }

    /** @return this request restricted to {@code subset} of its partitions */
    public OffsetCommitRequest withPartitions(List<PartitionCommit> subset) {
        return new OffsetCommitRequest(groupId, memberId, generationId, groupInstanceId, retentionTimeMs, apiVersion, subset);
    }

    /**
     * One partition's commit.
     *
     * @param offset      the next offset to consume
     * @param leaderEpoch the leader epoch, or -1
     * @param metadata    client metadata, or null (stored as "")
     */
    public record PartitionCommit(String topic, int partition, long offset, int leaderEpoch, String metadata) {
        public PartitionCommit {
            Objects.requireNonNull(topic, "topic");
        }
    }
}
