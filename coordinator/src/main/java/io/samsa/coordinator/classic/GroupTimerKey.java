package io.samsa.coordinator.classic;

import io.samsa.coordinator.runtime.TimerKey;

/**
 * The kinds of deadline the group coordinator keeps, one record type each, so a timer is named by
 * value (replace or cancel it by building the same key again) and never by string concatenation.
 */
public sealed interface GroupTimerKey extends TimerKey {

    /** A member's session: it must heartbeat (or join/sync) before this fires, else it is removed. */
    record MemberSession(String groupId, String memberId) implements GroupTimerKey {
    }

    /** A member id handed out with MEMBER_ID_REQUIRED must join within the session timeout (KIP-394). */
    record PendingMemberJoin(String groupId, String memberId) implements GroupTimerKey {
    }

    /** End of a group's join phase: the rebalance timeout or the initial rebalance delay. */
    record JoinPhase(String groupId) implements GroupTimerKey {
    }

    /** A rebalance held for members still to send SyncGroup starts at this deadline (group.classic.sync.grace.ms). */
    record SyncGrace(String groupId) implements GroupTimerKey {
    }

    /** Members that have not sent SyncGroup by this deadline are removed. */
    record SyncPhase(String groupId) implements GroupTimerKey {
    }

    /** The periodic offset-retention check of the whole partition (offsets.retention.check.interval.ms). */
    record OffsetExpiry() implements GroupTimerKey {
    }
}
