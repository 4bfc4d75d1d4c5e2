package io.samsa.client.consumer.internals;

import io.samsa.protocol.ErrorCode;

/**
 * What {@link OffsetCommitter} needs from a group membership: the identity a commit carries and
 * what a group error in a commit answer does to the membership. Classic members commit with their
 * Stable generation ({@link GroupMembership}); consumer-protocol members with their member id and
 * latest member epoch ({@link ConsumerProtocolMembership}).
 *
 * <p>Implementations are thread-safe (responses are parsed on the network thread).
 */
public interface CommitMembership {

    /** The generation (or member epoch) and member id to commit with, or null when a commit must fail now. */
    GroupMembership.Generation generationIfStable();

    /** Whether a rebalance is running (a commit then fails with RebalanceInProgressException). */
    boolean rebalanceInProgress();

    /** A commit was answered UNKNOWN_MEMBER_ID or ILLEGAL_GENERATION. */
    void resetOnError(ErrorCode error);

    /** A commit was answered REBALANCE_IN_PROGRESS. */
    void requestRejoin(String reason);

    /**
     * The member id and epoch OffsetFetch v9+ carries (KIP-848), or null for none (classic members,
     * which Kafka's broker does not check there).
     */
    default GroupMembership.Generation offsetFetchMember() {
        return null;
    }
}
