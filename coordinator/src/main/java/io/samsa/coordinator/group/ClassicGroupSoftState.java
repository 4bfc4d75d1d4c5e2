package io.samsa.coordinator.group;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The part of a classic group that Kafka, too, keeps only in memory and never writes to
 * {@code __consumer_offsets}: member ids handed out with MEMBER_ID_REQUIRED that have not joined
 * yet (KIP-394), and parked JoinGroup and SyncGroup responses. Handlers change it directly, since
 * no record describes it; it is therefore not reverted when an append fails, so a handler answers
 * parked responses only from an append listener, after the append that justifies the answer.
 *
 * <p>After a coordinator move it starts empty: clients whose responses were parked time out and
 * retry against the new coordinator.
 *
 * <p>Not thread-safe: owned by the shard's event thread.
 *
 * @param <J> the domain JoinGroup response type
 * @param <S> the domain SyncGroup response type
 */
public final class ClassicGroupSoftState<J, S> {
    private final Set<String> pendingMemberIds = new LinkedHashSet<>();
    private final ParkedResponses<J> awaitingJoin = new ParkedResponses<>();
    private final ParkedResponses<S> awaitingSync = new ParkedResponses<>();
    private final Set<String> pendingSyncMemberIds = new LinkedHashSet<>();
    private boolean rebalanceHeld;
    private long initialDelayRemainingMs = -1;
    private boolean joinedDuringInitialDelay;

    /** Remembers a member id returned with MEMBER_ID_REQUIRED until the member joins with it. */
    public void addPendingMember(String memberId) {
        pendingMemberIds.add(memberId);
    }

    /** @return true when the id was pending */
    public boolean removePendingMember(String memberId) {
        return pendingMemberIds.remove(memberId);
    }

    public boolean isPendingMember(String memberId) {
        return pendingMemberIds.contains(memberId);
    }

    /** @return the pending member ids (unmodifiable live view) */
    public Set<String> pendingMemberIds() {
        return Collections.unmodifiableSet(pendingMemberIds);
    }

    /** @return the parked JoinGroup responses */
    public ParkedResponses<J> awaitingJoin() {
        return awaitingJoin;
    }

    /** @return the parked SyncGroup responses */
    public ParkedResponses<S> awaitingSync() {
        return awaitingSync;
    }

    /**
     * The members of the current generation that have not sent SyncGroup yet; when the sync
     * deadline passes they are removed.
     */
    public Set<String> pendingSyncMemberIds() {
        return pendingSyncMemberIds;
    }

    /**
     * A member rejoined a Stable group in a way that needs a rebalance while others had not sent
     * SyncGroup for the generation yet; the rebalance waits for them (see the Rebalancer).
     */
    public void holdRebalance() {
        rebalanceHeld = true;
    }

    /** @return true when a rebalance was held, which is now released */
    public boolean releaseHeldRebalance() {
        boolean held = rebalanceHeld;
        rebalanceHeld = false;
        return held;
    }

    public boolean isRebalanceHeld() {
        return rebalanceHeld;
    }

    /**
     * Starts the initial rebalance delay of a group that was Empty: the join phase lasts
     * group.initial.rebalance.delay.ms, extended by another delay while members keep joining, up
     * to the rebalance timeout in total.
     *
     * @param remainingMs how much longer than the first delay the phase may last, in ms
     */
    public void startInitialDelay(long remainingMs) {
        initialDelayRemainingMs = remainingMs;
        joinedDuringInitialDelay = false;
    }

    public boolean inInitialDelay() {
        return initialDelayRemainingMs >= 0;
    }

    /** Notes a join during the initial delay (which then deserves an extension). */
    public void noteJoinDuringInitialDelay() {
        joinedDuringInitialDelay = true;
    }

    /**
     * Called when a delay ends.
     *
     * @param delayMs the configured initial delay, in ms
     * @return how long to extend the join phase, in ms, or 0 when it should end now
     */
    public long nextInitialDelayExtensionMs(long delayMs) {
        // With no configured delay there is nothing to extend by: the delay ends now.
        if (delayMs > 0 && joinedDuringInitialDelay && initialDelayRemainingMs > 0) {
            long extension = Math.min(delayMs, initialDelayRemainingMs);
            initialDelayRemainingMs -= extension;
            joinedDuringInitialDelay = false;
            return extension;
        }
        initialDelayRemainingMs = -1;
        joinedDuringInitialDelay = false;
        return 0;
    }

    /** Ends the initial delay early (the join phase completes now). */
    public void endInitialDelay() {
        initialDelayRemainingMs = -1;
        joinedDuringInitialDelay = false;
    }

    /** @return true when this holds nothing worth keeping (forgetting it loses no information) */
    public boolean isIdle() {
        return pendingMemberIds.isEmpty() && awaitingJoin.size() == 0 && awaitingSync.size() == 0
                && pendingSyncMemberIds.isEmpty() && !inInitialDelay() && !rebalanceHeld;
    }

    /**
     * The join phase may end early when every known member has rejoined, no member id handed out
     * with MEMBER_ID_REQUIRED is still outstanding and no initial delay is running.
     */
    public boolean allKnownMembersRejoined(ClassicGroup group) {
        return !inInitialDelay() && allMembersJoined(group);
    }

    /**
     * @return true when every member of {@code group} has a JoinGroup parked and no member id handed
     *         out with MEMBER_ID_REQUIRED is outstanding (Kafka's {@code hasAllMembersJoined}); true
     *         for a group with no members and no pending ones
     */
    public boolean allMembersJoined(ClassicGroup group) {
        if (!pendingMemberIds.isEmpty()) {
            return false;
        }
        for (ClassicGroupMember member : group.members()) {
            if (!awaitingJoin.contains(member.memberId())) {
                return false;
            }
        }
        return true;
    }
}
