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
     * The join phase may end early when every known member has rejoined and no member id handed
     * out with MEMBER_ID_REQUIRED is still outstanding.
     */
    public boolean allKnownMembersRejoined(ClassicGroup group) {
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
