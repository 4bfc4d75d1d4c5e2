package io.samsa.coordinator.group;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a classic (JoinGroup/SyncGroup) group and the only legal transitions between them.
 * Each constant's comment says how each request is answered in it and which events leave it. The
 * legal previous states are declared once, in {@link #validPreviousStates()}, and checked by
 * {@link ClassicGroup#transitionTo}.
 *
 * <pre>
 *            join                 join phase ends        leader's SyncGroup
 *   Empty ─────────► Preparing ─────────────────► Completing ─────────────► Stable
 *     ▲              Rebalance ◄───────────────── Rebalance  ◄──────────────  │
 *     └── all left ──────┘   join/leave/expiry         join/leave/expiry ─────┘
 *   any state ──(group deleted, offsets expired, partition unloaded)──► Dead
 * </pre>
 *
 * Immutable; thread-safe.
 */
public enum ClassicGroupState {

    /**
     * No members; the group lingers until its offsets expire. Also the state of groups that only
     * commit offsets (standalone consumers, admin).
     * <ul>
     * <li>JoinGroup: accepted from new members, starts a rebalance (after group.initial.rebalance.delay.ms).</li>
     * <li>SyncGroup, Heartbeat, LeaveGroup: UNKNOWN_MEMBER_ID.</li>
     * <li>OffsetCommit: accepted only with generation -1 and an empty member id; otherwise UNKNOWN_MEMBER_ID.</li>
     * <li>OffsetFetch, DescribeGroups, ListGroups: answered. DeleteGroups: deletes it.</li>
     * </ul>
     * Leaves: first join -> PreparingRebalance; deleted or last offset expired -> Dead.
     */
    EMPTY("Empty"),

    /**
     * Waiting for the known members to rejoin; JoinGroup responses are parked.
     * <ul>
     * <li>JoinGroup: parked until every known member has rejoined or the rebalance timeout passes.</li>
     * <li>SyncGroup, Heartbeat: REBALANCE_IN_PROGRESS.</li>
     * <li>LeaveGroup: removes the member.</li>
     * <li>OffsetCommit: accepted from members of the previous generation.</li>
     * <li>OffsetFetch, DescribeGroups, ListGroups: answered. DeleteGroups: NON_EMPTY_GROUP.</li>
     * </ul>
     * Leaves: join phase ends with members -> CompletingRebalance; with none -> Empty; deleted -> Dead.
     */
    PREPARING_REBALANCE("PreparingRebalance"),

    /**
     * The new generation exists; waiting for the leader's SyncGroup with the assignment.
     * <ul>
     * <li>SyncGroup: followers are parked; the leader's completes the generation.</li>
     * <li>Heartbeat: NONE for the current generation (REBALANCE_IN_PROGRESS in older Kafka).</li>
     * <li>JoinGroup: a new member or changed metadata starts a new rebalance.</li>
     * <li>OffsetCommit: REBALANCE_IN_PROGRESS.</li>
     * <li>OffsetFetch, DescribeGroups, ListGroups: answered. DeleteGroups: NON_EMPTY_GROUP.</li>
     * </ul>
     * Leaves: leader's SyncGroup -> Stable; join, leave or member expiry -> PreparingRebalance; deleted -> Dead.
     */
    COMPLETING_REBALANCE("CompletingRebalance"),

    /**
     * The leader's assignment is stored; members that have not sent SyncGroup yet get theirs when they do.
     * <ul>
     * <li>Heartbeat: NONE. SyncGroup: the stored assignment.</li>
     * <li>JoinGroup: a follower with unchanged metadata gets the current generation back; the
     *     leader or changed metadata starts a rebalance, once every other member has synced (at
     *     most group.classic.sync.grace.ms later; the JoinGroup is parked meanwhile).</li>
     * <li>OffsetCommit: accepted from members of the current generation.</li>
     * <li>OffsetFetch, DescribeGroups, ListGroups: answered. DeleteGroups: NON_EMPTY_GROUP.</li>
     * </ul>
     * Leaves: join, leave or member expiry -> PreparingRebalance; deleted -> Dead.
     */
    STABLE("Stable"),

    /**
     * The group is being removed; a transient state that is never persisted (a tombstone is).
     * <ul>
     * <li>JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit: COORDINATOR_NOT_AVAILABLE
     *     (the client rediscovers the coordinator and retries against a fresh group).</li>
     * <li>OffsetFetch: no offsets.</li>
     * </ul>
     * Leaves: never.
     */
    DEAD("Dead");

    private final String displayName;

    ClassicGroupState(String displayName) {
        this.displayName = displayName;
    }

    /** @return the states a group may move to this one from */
    public Set<ClassicGroupState> validPreviousStates() {
        return switch (this) {
            case EMPTY -> EnumSet.of(PREPARING_REBALANCE);
            case PREPARING_REBALANCE -> EnumSet.of(EMPTY, COMPLETING_REBALANCE, STABLE);
            case COMPLETING_REBALANCE -> EnumSet.of(PREPARING_REBALANCE);
            case STABLE -> EnumSet.of(COMPLETING_REBALANCE);
            case DEAD -> EnumSet.allOf(ClassicGroupState.class);
        };
    }

    /** @return true when a group in {@code from} may move to this state */
    public boolean canTransitionFrom(ClassicGroupState from) {
        return validPreviousStates().contains(from);
    }

    /** @return the name Kafka shows in DescribeGroups and ListGroups, e.g. "PreparingRebalance" */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
