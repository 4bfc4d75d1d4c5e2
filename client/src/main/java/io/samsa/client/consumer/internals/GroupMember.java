package io.samsa.client.consumer.internals;

import io.samsa.client.consumer.ConsumerGroupMetadata;

/**
 * A consumer's membership of its group as {@code SamsaConsumer} drives it, whichever protocol
 * {@code group.protocol} chose at construction: {@link ConsumerCoordinator} (classic,
 * JoinGroup/SyncGroup) or {@link ConsumerProtocolCoordinator} (KIP-848, ConsumerGroupHeartbeat).
 *
 * <p>Application thread only, as SamsaConsumer.
 */
public interface GroupMember {

    /**
     * Brings the membership up to date (joins, reconciles assignments, runs the rebalance listener),
     * waiting no later than {@code deadlineMs}.
     *
     * @param nowMs      the time of this poll (ms)
     * @param deadlineMs the poll's deadline (ms)
     * @return whether the member holds its assignment now
     */
    boolean poll(long nowMs, long deadlineMs);

    /** Whether the member has settled (classic Stable; consumer protocol: the target assignment acknowledged). */
    boolean isStable();

    /** Whether an auto-commit may go out now (a subscribed member only while in the group). */
    boolean canAutoCommit();

    ConsumerGroupMetadata groupMetadata();

    /** Asks for a rebalance (classic); the consumer protocol only logs, as kafka-clients' new consumer does. */
    void enforceRebalance(String reason);

    /** Revokes the owned partitions through the listener and leaves the group, waiting until {@code deadlineMs}. */
    void leaveGroup(String reason, long deadlineMs);

    /** Commits (auto-commit), leaves and stops background work; failures are logged. */
    void close(long deadlineMs);
}
