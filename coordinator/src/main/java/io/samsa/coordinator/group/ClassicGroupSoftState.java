package io.samsa.coordinator.group;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The part of a classic group that Kafka, too, keeps only in memory and never writes to
 * {@code __consumer_offsets}: member ids handed out with MEMBER_ID_REQUIRED that have not joined
 * yet (KIP-394), and parked JoinGroup and SyncGroup responses. Handlers change it directly, since
 * no record describes it; it is therefore not reverted when an append fails, so a handler only
 * completes parked responses from an append listener, after the append that justifies them.
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
    private final Map<String, CompletableFuture<J>> awaitingJoin = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<S>> awaitingSync = new LinkedHashMap<>();

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

    public int pendingMemberCount() {
        return pendingMemberIds.size();
    }

    /**
     * Parks a JoinGroup response. A member that joins again while parked replaces its earlier
     * response, which is returned so the handler can answer it (Kafka answers it with an error).
     *
     * @return the response parked before for the same member, or null
     */
    public CompletableFuture<J> parkJoin(String memberId, CompletableFuture<J> response) {
        return awaitingJoin.put(memberId, response);
    }

    public boolean isAwaitingJoin(String memberId) {
        return awaitingJoin.containsKey(memberId);
    }

    public int awaitingJoinCount() {
        return awaitingJoin.size();
    }

    /** @return the parked JoinGroup responses by member id, removing them */
    public Map<String, CompletableFuture<J>> takeAwaitingJoins() {
        Map<String, CompletableFuture<J>> taken = new LinkedHashMap<>(awaitingJoin);
        awaitingJoin.clear();
        return taken;
    }

    /** @return the parked JoinGroup response of one member, removing it, or null */
    public CompletableFuture<J> takeAwaitingJoin(String memberId) {
        return awaitingJoin.remove(memberId);
    }

    /** @return the SyncGroup response parked before for the same member, or null */
    public CompletableFuture<S> parkSync(String memberId, CompletableFuture<S> response) {
        return awaitingSync.put(memberId, response);
    }

    public boolean isAwaitingSync(String memberId) {
        return awaitingSync.containsKey(memberId);
    }

    /** @return the parked SyncGroup responses by member id, removing them */
    public Map<String, CompletableFuture<S>> takeAwaitingSyncs() {
        Map<String, CompletableFuture<S>> taken = new LinkedHashMap<>(awaitingSync);
        awaitingSync.clear();
        return taken;
    }

    /** @return the parked SyncGroup response of one member, removing it, or null */
    public CompletableFuture<S> takeAwaitingSync(String memberId) {
        return awaitingSync.remove(memberId);
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
            if (!awaitingJoin.containsKey(member.memberId())) {
                return false;
            }
        }
        return true;
    }

    /** @return the pending member ids (unmodifiable view) */
    public Set<String> pendingMemberIds() {
        return Collections.unmodifiableSet(pendingMemberIds);
    }
}
