package io.samsa.metadata.quorum;

import java.util.List;

/**
 * What DescribeQuorum reports, as far as Ratis exposes it. Immutable.
 *
 * @param leaderId      the leader's node id, -1 if none is known
 * @param leaderEpoch   the Raft term (Kafka's leader epoch of the metadata log)
 * @param highWatermark the commit index of the metadata log
 * @param voters        one entry per voter; on a follower only its own entry has positions
 */
public record QuorumStatus(int leaderId, long leaderEpoch, long highWatermark, List<ReplicaState> voters) {
    public QuorumStatus {
        voters = List.copyOf(voters);
    }

    /**
     * @param replicaId             the voter's node id
     * @param logEndOffset          the last log index the leader knows the voter holds (-1 unknown)
     * @param lastFetchTimestampMs  when the leader last heard from it (wall clock, -1 unknown)
     * @param lastCaughtUpTimestampMs when it was last known caught up to the leader (-1 unknown)
     */
    public record ReplicaState(int replicaId, long logEndOffset, long lastFetchTimestampMs,
                               long lastCaughtUpTimestampMs) {
    }
}
