package io.samsa.coordinator.group;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The durable state of one classic (JoinGroup/SyncGroup) group: exactly what a
 * {@code GROUP_METADATA} record holds. Immutable; thread-safe.
 *
 * <p><b>Persisted (here, changed only by replaying a record):</b> state and its timestamp, protocol
 * type, generation, chosen protocol, leader, and the members in join order with their protocols
 * and assignments. The static-member map (instance id to member id) is derived from the members.
 *
 * <p><b>In memory only (not here):</b> pending member ids handed out with MEMBER_ID_REQUIRED,
 * parked JoinGroup/SyncGroup responses ({@link ClassicGroupSoftState}) and the heartbeat, join and
 * sync deadlines (the shard's timer). Like Kafka, they are rebuilt by clients retrying after a
 * coordinator move, not from the log.
 *
 * <p>Handlers never change a group: they derive the next one with the {@code with...} and
 * {@link #transitionTo} methods, write it with {@code GroupCoordinatorRecords.newGroupMetadataRecord},
 * and the shard's replay installs it. Illegal state transitions are rejected here, at derivation
 * time; replay trusts the log, because compaction may have removed intermediate records.
 */
public final class ClassicGroup {
    private final String groupId;
    private final ClassicGroupState state;
    private final long currentStateTimestampMs;
    private final String protocolType;
    private final int generationId;
    private final String protocolName;
    private final String leaderId;
    private final Map<String, ClassicGroupMember> members;
    private final Map<String, String> staticMemberIds;

    /**
     * @param protocolType            null for a group that only commits offsets
     * @param protocolName            null before the first generation with members
     * @param leaderId                null when there are no members
     * @param members                 the members in join order
     * @param currentStateTimestampMs when the group entered {@code state}, wall-clock ms
     */
    public ClassicGroup(String groupId, ClassicGroupState state, long currentStateTimestampMs,
                        String protocolType, int generationId, String protocolName, String leaderId,
                        List<ClassicGroupMember> members) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
        this.state = Objects.requireNonNull(state, "state");
        this.currentStateTimestampMs = currentStateTimestampMs;
        this.protocolType = protocolType;
        this.generationId = generationId;
        this.protocolName = protocolName;
        this.leaderId = leaderId;
        Map<String, ClassicGroupMember> byId = new LinkedHashMap<>();
        Map<String, String> statics = new HashMap<>();
        for (ClassicGroupMember member : members) {
            if (byId.put(member.memberId(), member) != null) {
                throw new IllegalArgumentException("duplicate member " + member.memberId() + " in " + groupId);
            }
            if (member.isStatic() && statics.put(member.groupInstanceId(), member.memberId()) != null) {
                throw new IllegalArgumentException("duplicate instance id " + member.groupInstanceId() + " in " + groupId);
            }
        }
        if (leaderId != null && !byId.containsKey(leaderId)) {
            throw new IllegalArgumentException("leader " + leaderId + " is not a member of " + groupId);
        }
        this.members = Collections.unmodifiableMap(byId);
        this.staticMemberIds = Collections.unmodifiableMap(statics);
    }

    /** @return a new group with no members in state Empty, generation 0 */
    public static ClassicGroup empty(String groupId, long nowMs) {
        return new ClassicGroup(groupId, ClassicGroupState.EMPTY, nowMs, null, 0, null, null, List.of());
    }

    public String groupId() {
        return groupId;
    }

    public ClassicGroupState state() {
        return state;
    }

    public boolean isInState(ClassicGroupState candidate) {
        return state == candidate;
    }

    /** @return when the group entered its state, wall-clock ms */
    public long currentStateTimestampMs() {
        return currentStateTimestampMs;
    }

    /** @return the protocol type ("consumer", ...), or null */
    public String protocolType() {
        return protocolType;
    }

    public int generationId() {
        return generationId;
    }

    /** @return the protocol chosen for the current generation, or null */
    public String protocolName() {
        return protocolName;
    }

    /** @return the leader's member id, or null */
    public String leaderId() {
        return leaderId;
    }

    public boolean isLeader(String memberId) {
        return memberId != null && memberId.equals(leaderId);
    }

    /** @return the members in join order (unmodifiable) */
    public Collection<ClassicGroupMember> members() {
        return members.values();
    }

    /** @return the member, or null */
    public ClassicGroupMember member(String memberId) {
        return members.get(memberId);
    }

    public boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    public int size() {
        return members.size();
    }

    public boolean hasNoMembers() {
        return members.isEmpty();
    }

    /** @return the member id a static instance id maps to, or null */
    public String staticMemberId(String groupInstanceId) {
        return staticMemberIds.get(groupInstanceId);
    }

    /**
     * @return this group in {@code target}, entered at {@code nowMs}
     * @throws IllegalStateException when {@code target} may not follow the current state
     */
    public ClassicGroup transitionTo(ClassicGroupState target, long nowMs) {
        if (!target.canTransitionFrom(state)) {
            throw new IllegalStateException("group " + groupId + " cannot move from " + state + " to " + target);
        }
        return new ClassicGroup(groupId, target, nowMs, protocolType, generationId, protocolName, leaderId, memberList());
    }

    /** @return this group with {@code type} as its protocol type */
    public ClassicGroup withProtocolType(String type) {
        return new ClassicGroup(groupId, state, currentStateTimestampMs, type, generationId, protocolName, leaderId, memberList());
    }

    /**
     * Adds a member at the end of the join order, or replaces the member with the same id in place.
     * The first member of a group without a leader becomes the leader.
     */
    public ClassicGroup withMember(ClassicGroupMember member) {
        List<ClassicGroupMember> next = new ArrayList<>(members.size() + 1);
        boolean replaced = false;
        for (ClassicGroupMember existing : members.values()) {
            if (existing.memberId().equals(member.memberId())) {
                next.add(member);
                replaced = true;
            } else {
                next.add(existing);
            }
        }
        if (!replaced) {
            next.add(member);
        }
        String leader = leaderId == null ? member.memberId() : leaderId;
        return new ClassicGroup(groupId, state, currentStateTimestampMs, protocolType, generationId, protocolName, leader, next);
    }

    /** Removes a member; a removed leader is succeeded by the earliest remaining member. */
    public ClassicGroup withoutMember(String memberId) {
        List<ClassicGroupMember> next = new ArrayList<>(members.size());
        for (ClassicGroupMember existing : members.values()) {
            if (!existing.memberId().equals(memberId)) {
                next.add(existing);
            }
        }
        String leader = leaderId;
        if (memberId.equals(leaderId)) {
            leader = next.isEmpty() ? null : next.get(0).memberId();
        }
        return new ClassicGroup(groupId, state, currentStateTimestampMs, protocolType, generationId, protocolName, leader, next);
    }

    /**
     * KIP-345: a static member rejoined with an empty member id and takes over under a new id; it
     * keeps its place in the join order, its assignment and, if it had it, the leadership.
     */
    public ClassicGroup withStaticMemberReplaced(String oldMemberId, String newMemberId) {
        ClassicGroupMember old = members.get(oldMemberId);
        if (old == null || !old.isStatic()) {
            throw new IllegalArgumentException(oldMemberId + " is not a static member of " + groupId);
        }
        List<ClassicGroupMember> next = new ArrayList<>(members.size());
        for (ClassicGroupMember existing : members.values()) {
            next.add(existing == old ? old.withMemberId(newMemberId) : existing);
        }
        String leader = oldMemberId.equals(leaderId) ? newMemberId : leaderId;
        return new ClassicGroup(groupId, state, currentStateTimestampMs, protocolType, generationId, protocolName, leader, next);
    }

    /**
     * Ends the join phase: the generation goes up by one and every assignment is cleared. With
     * members, a protocol is chosen by vote and the group moves to CompletingRebalance; without,
     * the protocol is cleared and the group moves to Empty.
     */
    public ClassicGroup withNextGeneration(long nowMs) {
        List<ClassicGroupMember> cleared = new ArrayList<>(members.size());
        for (ClassicGroupMember member : members.values()) {
            cleared.add(member.withAssignment(ByteString.EMPTY));
        }
        boolean empty = members.isEmpty();
        ClassicGroupState target = empty ? ClassicGroupState.EMPTY : ClassicGroupState.COMPLETING_REBALANCE;
        if (!target.canTransitionFrom(state)) {
            throw new IllegalStateException("group " + groupId + " cannot start a generation in " + state);
        }
        String chosen = empty ? null : selectProtocol();
        return new ClassicGroup(groupId, target, nowMs, protocolType, generationId + 1, chosen, leaderId, cleared);
    }

    /** @return this group with each member's assignment taken from the map; missing members get none */
    public ClassicGroup withAssignments(Map<String, ByteString> assignments) {
        List<ClassicGroupMember> next = new ArrayList<>(members.size());
        for (ClassicGroupMember member : members.values()) {
            next.add(member.withAssignment(assignments.getOrDefault(member.memberId(), ByteString.EMPTY)));
        }
        return new ClassicGroup(groupId, state, currentStateTimestampMs, protocolType, generationId, protocolName, leaderId, next);
    }

    /**
     * Whether a joining member with this protocol type and these protocols fits the group: an
     * empty group accepts any non-empty type and protocol list; otherwise the type must match and
     * at least one of the member's protocols must be supported by every current member.
     */
    public boolean supportsProtocols(String memberProtocolType, Set<String> memberProtocolNames) {
        if (memberProtocolType == null || memberProtocolType.isEmpty() || memberProtocolNames.isEmpty()) {
            return false;
        }
        if (members.isEmpty()) {
            return true;
        }
        if (!memberProtocolType.equals(protocolType)) {
            return false;
        }
        Set<String> candidates = candidateProtocols();
        for (String name : memberProtocolNames) {
            if (candidates.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** @return the protocols every member supports, in the earliest member's order of preference */
    public Set<String> candidateProtocols() {
        Set<String> candidates = null;
        for (ClassicGroupMember member : members.values()) {
            if (candidates == null) {
                candidates = new LinkedHashSet<>(member.protocolNames());
            } else {
                candidates.retainAll(member.protocolNames());
            }
        }
        return candidates == null ? Set.of() : candidates;
    }

    /**
     * Chooses the group's protocol: each member votes for its most preferred protocol among those
     * every member supports, and the one with most votes wins. Ties go to the protocol the earliest
     * member prefers, so the choice is deterministic (Kafka leaves ties to hash order).
     *
     * @throws IllegalStateException when there are no members or no common protocol
     */
    public String selectProtocol() {
        Set<String> candidates = candidateProtocols();
        if (candidates.isEmpty()) {
            throw new IllegalStateException("group " + groupId + " has no protocol every member supports");
        }
        Map<String, Integer> votes = new HashMap<>();
        for (ClassicGroupMember member : members.values()) {
            votes.merge(member.vote(candidates), 1, Integer::sum);
        }
        String winner = null;
        int best = 0;
        for (String candidate : candidates) {
            int count = votes.getOrDefault(candidate, 0);
            if (count > best) {
                best = count;
                winner = candidate;
            }
        }
        return winner;
    }

    private List<ClassicGroupMember> memberList() {
        return new ArrayList<>(members.values());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ClassicGroup other)) {
            return false;
        }
        return currentStateTimestampMs == other.currentStateTimestampMs
                && generationId == other.generationId
                && groupId.equals(other.groupId)
                && state == other.state
                && Objects.equals(protocolType, other.protocolType)
                && Objects.equals(protocolName, other.protocolName)
                && Objects.equals(leaderId, other.leaderId)
                && memberList().equals(other.memberList());
    }

    @Override
    public int hashCode() {
        return Objects.hash(groupId, state, generationId, leaderId, members.keySet());
    }

    @Override
    public String toString() {
        return "ClassicGroup(" + groupId + ", " + state + ", generation " + generationId
                + ", protocol " + protocolType + "/" + protocolName + ", leader " + leaderId
                + ", members " + members.keySet() + ")";
    }
}
