package io.samsa.coordinator.classic;

import io.samsa.coordinator.group.MemberProtocol;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A JoinGroup request in domain terms; the broker translates the wire message into it.
 * Immutable; thread-safe.
 *
 * @param memberId           "" on a first join
 * @param groupInstanceId    the static instance id (v5+), or null
 * @param protocolType       e.g. "consumer"
 * @param protocols          supported protocols with metadata, in order of preference
 * @param sessionTimeoutMs   heartbeat deadline, in ms
 * @param rebalanceTimeoutMs join-phase deadline, in ms (v0: the session timeout)
 * @param clientHost         the client's address as the broker saw it
 * @param apiVersion         the request version: v4+ needs a known member id (KIP-394), v9+ may skip assignment
 */
public record JoinGroupRequest(String groupId, String memberId, String groupInstanceId, String protocolType,
                               List<MemberProtocol> protocols, int sessionTimeoutMs, int rebalanceTimeoutMs,
                               String clientId, String clientHost, short apiVersion) {
    public JoinGroupRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(protocolType, "protocolType");
        protocols = List.copyOf(protocols);
    }

    public Set<String> protocolNames() {
        Set<String> names = new LinkedHashSet<>();
        protocols.forEach(protocol -> names.add(protocol.name()));
        return names;
    }
}
