package io.samsa.coordinator.consumer;

import java.util.List;
import java.util.Objects;

/**
 * A ConsumerGroupHeartbeat request (v0-1) in domain terms; the broker translates the wire message.
 * Null fields mean "unchanged since the last heartbeat", as on the wire. Immutable; thread-safe.
 *
 * @param memberId             the member id ("" asks the coordinator for one in v0)
 * @param memberEpoch          0 to join, -1 to leave, -2 for a static member leaving temporarily, else the current epoch
 * @param instanceId           the static instance id, or null
 * @param rackId               the rack, or null
 * @param rebalanceTimeoutMs   the rebalance timeout in ms, or -1 when unchanged
 * @param subscribedTopicNames the subscribed topic names, or null when unchanged
 * @param subscribedTopicRegex the RE2/J subscription (v1+), or null when unchanged; "" clears it
 * @param serverAssignor       the assignor asked for, or null when unchanged
 * @param owned                the partitions the member owns, or null when unchanged
 * @param clientId             the request header's client id
 * @param clientHost           the client's address
 * @param apiVersion           the request version
 */
public record ConsumerGroupHeartbeatRequest(String groupId, String memberId, int memberEpoch, String instanceId, String rackId,
                                            int rebalanceTimeoutMs, List<String> subscribedTopicNames, String subscribedTopicRegex,
                                            String serverAssignor, Assignment owned, String clientId, String clientHost,
                                            short apiVersion) {
    public ConsumerGroupHeartbeatRequest {
        Objects.requireNonNull(groupId, "groupId");
        memberId = memberId == null ? "" : memberId;
        subscribedTopicNames = subscribedTopicNames == null ? null : List.copyOf(subscribedTopicNames);
        clientId = clientId == null ? "" : clientId;
        clientHost = clientHost == null ? "" : clientHost;
    }

    /** @return true when the member leaves (epoch -1, or -2 for a static member) */
    public boolean isLeave() {
        return memberEpoch == ConsumerGroupMember.LEAVE_GROUP_MEMBER_EPOCH
                || memberEpoch == ConsumerGroupMember.LEAVE_GROUP_STATIC_MEMBER_EPOCH;
    }

    /** @return true when the request carries every field (a join, or a client resending all after an error) */
    public boolean isFull() {
        return rebalanceTimeoutMs != -1 && (subscribedTopicNames != null || subscribedTopicRegex != null) && owned != null;
    }
}
