package io.samsa.coordinator.group;

import com.google.protobuf.ByteString;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A member of a classic group as it is persisted: identity, timeouts, the protocols it supports
 * with their metadata, and its assignment for the current generation. Immutable; thread-safe. A
 * change makes a new member via one of the {@code with...} methods, which the handler then writes
 * as part of a group record.
 *
 * <p>What is not here, because it is not persisted: whether the member is awaiting a JoinGroup or
 * SyncGroup response, and its heartbeat deadline. Those live in {@link ClassicGroupSoftState} and
 * the shard's timer.
 *
 * @param memberId           the coordinator-assigned id
 * @param groupInstanceId    the static instance id (KIP-345), or null for a dynamic member
 * @param clientId           the client.id the member joined with
 * @param clientHost         the member's address as the broker saw it
 * @param sessionTimeoutMs   heartbeat deadline, in ms
 * @param rebalanceTimeoutMs how long a rebalance waits for this member to rejoin, in ms
 * @param protocols          supported protocols in the member's order of preference; never empty
 * @param assignment         the leader's assignment for this member; empty until SyncGroup
 */
public record ClassicGroupMember(
        String memberId,
        String groupInstanceId,
        String clientId,
        String clientHost,
        int sessionTimeoutMs,
        int rebalanceTimeoutMs,
        List<MemberProtocol> protocols,
        ByteString assignment) {

    public ClassicGroupMember {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientHost, "clientHost");
        Objects.requireNonNull(assignment, "assignment");
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("member " + memberId + " supports no protocol");
        }
    }

    /** @return true for a static member (one with a group.instance.id) */
    public boolean isStatic() {
        return groupInstanceId != null;
    }

    /** @return the names of the supported protocols, in order of preference */
    public Set<String> protocolNames() {
        Set<String> names = new LinkedHashSet<>();
        for (MemberProtocol protocol : protocols) {
            names.add(protocol.name());
        }
        return names;
    }

    /** @return the member's metadata for {@code protocolName}, or null when it does not support it */
    public ByteString metadata(String protocolName) {
        for (MemberProtocol protocol : protocols) {
            if (protocol.name().equals(protocolName)) {
                return protocol.metadata();
            }
        }
        return null;
    }

    /**
     * @param candidates the protocols every member supports
     * @return the member's most preferred protocol among {@code candidates}
     * @throws IllegalArgumentException when it supports none of them
     */
    public String vote(Set<String> candidates) {
        for (MemberProtocol protocol : protocols) {
            if (candidates.contains(protocol.name())) {
                return protocol.name();
            }
        }
        throw new IllegalArgumentException("member " + memberId + " supports none of " + candidates);
    }

    /** @return true when {@code other} lists the same protocols with the same metadata, in the same order */
    public boolean hasSameProtocols(List<MemberProtocol> other) {
        return protocols.equals(other);
    }

    /** @return this member with a new assignment */
    public ClassicGroupMember withAssignment(ByteString newAssignment) {
        return new ClassicGroupMember(memberId, groupInstanceId, clientId, clientHost,
                sessionTimeoutMs, rebalanceTimeoutMs, protocols, newAssignment);
    }

    /** @return this member after a rejoin with possibly new timeouts and protocols */
    public ClassicGroupMember withJoinDetails(int newSessionTimeoutMs, int newRebalanceTimeoutMs,
                                              List<MemberProtocol> newProtocols) {
        return new ClassicGroupMember(memberId, groupInstanceId, clientId, clientHost,
                newSessionTimeoutMs, newRebalanceTimeoutMs, newProtocols, assignment);
    }

    /** @return this static member under a new member id (KIP-345 replacement), keeping its assignment */
    public ClassicGroupMember withMemberId(String newMemberId) {
        return new ClassicGroupMember(newMemberId, groupInstanceId, clientId, clientHost,
                sessionTimeoutMs, rebalanceTimeoutMs, protocols, assignment);
    }
}
