package io.samsa.coordinator.consumer;

import java.util.List;
import java.util.Objects;

/**
 * One member of a consumer group (KIP-848): who it is and what it subscribes to (the
 * member-metadata record) and where it stands in reconciliation (the current-assignment record).
 * Immutable; the {@code with...} methods return changed copies. Thread-safe.
 *
 * @param memberId             the member id (the client's UUID from v1, the coordinator's in v0)
 * @param instanceId           the static instance id, or null for a dynamic member
 * @param rackId               the client's rack, or null
 * @param clientId             the client id
 * @param clientHost           the client's address, e.g. "/127.0.0.1"
 * @param subscribedTopicNames the topics subscribed by name (sorted), empty when none
 * @param subscribedTopicRegex the RE2/J subscription, or null
 * @param rebalanceTimeoutMs   how long the member may take to revoke partitions, in ms
 * @param serverAssignor       the assignor the member asked for, or null
 * @param memberEpoch          the epoch the member must send next; -2 while a static member is away
 * @param previousMemberEpoch  the epoch before the last bump (a member whose response was lost retries with it)
 * @param state                the reconciliation state
 * @param assigned             the partitions the member owns
 * @param pendingRevocation    the partitions the member must give up before it gets new ones
 * @param classic              for a member speaking the classic protocol (online migration), its
 *                             session timeout and JoinGroup protocols; null for a consumer-protocol member
 */
public record ConsumerGroupMember(String memberId, String instanceId, String rackId, String clientId, String clientHost,
                                  List<String> subscribedTopicNames, String subscribedTopicRegex, int rebalanceTimeoutMs,
                                  String serverAssignor, int memberEpoch, int previousMemberEpoch, MemberState state,
                                  Assignment assigned, Assignment pendingRevocation, ClassicMemberMetadata classic) {

    /** The epoch a static member sends (and is kept at) when it leaves temporarily. */
    public static final int LEAVE_GROUP_STATIC_MEMBER_EPOCH = -2;
    /** The epoch a member sends to leave. */
    public static final int LEAVE_GROUP_MEMBER_EPOCH = -1;

    public ConsumerGroupMember {
        Objects.requireNonNull(memberId, "memberId");
        subscribedTopicNames = List.copyOf(subscribedTopicNames);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(assigned, "assigned");
        Objects.requireNonNull(pendingRevocation, "pendingRevocation");
    }

    /** @return a member that has just joined: epoch 0, owning nothing */
    public static ConsumerGroupMember joining(String memberId) {
        return new ConsumerGroupMember(memberId, null, null, "", "", List.of(), null, -1, null,
                0, 0, MemberState.STABLE, Assignment.EMPTY, Assignment.EMPTY, null);
    }

    /** @return this member with the identity and subscription fields of {@code other} */
    public ConsumerGroupMember withMetadataOf(ConsumerGroupMember other) {
        return new ConsumerGroupMember(memberId, other.instanceId, other.rackId, other.clientId, other.clientHost,
                other.subscribedTopicNames, other.subscribedTopicRegex, other.rebalanceTimeoutMs, other.serverAssignor,
                memberEpoch, previousMemberEpoch, state, assigned, pendingRevocation, other.classic);
    }

    /** @return this member with the reconciliation fields of {@code other} */
    public ConsumerGroupMember withAssignmentOf(ConsumerGroupMember other) {
        return withAssignment(other.memberEpoch, other.previousMemberEpoch, other.state, other.assigned, other.pendingRevocation);
    }

    public ConsumerGroupMember withAssignment(int epoch, int previousEpoch, MemberState newState, Assignment newAssigned,
                                              Assignment newPendingRevocation) {
        return new ConsumerGroupMember(memberId, instanceId, rackId, clientId, clientHost, subscribedTopicNames,
                subscribedTopicRegex, rebalanceTimeoutMs, serverAssignor, epoch, previousEpoch, newState, newAssigned,
                newPendingRevocation, classic);
    }

    public ConsumerGroupMember withMemberId(String newMemberId) {
        return new ConsumerGroupMember(newMemberId, instanceId, rackId, clientId, clientHost, subscribedTopicNames,
                subscribedTopicRegex, rebalanceTimeoutMs, serverAssignor, memberEpoch, previousMemberEpoch, state, assigned,
                pendingRevocation, classic);
    }

    /** @return true for a member that speaks the classic protocol (JoinGroup/SyncGroup) inside the consumer group */
    public boolean usesClassicProtocol() {
        return classic != null;
    }

    /** @return true when the identity and subscription fields (the member-metadata record) equal {@code other}'s */
    public boolean sameMetadataAs(ConsumerGroupMember other) {
        return Objects.equals(instanceId, other.instanceId) && Objects.equals(rackId, other.rackId)
                && clientId.equals(other.clientId) && clientHost.equals(other.clientHost)
                && sameSubscriptionAs(other) && rebalanceTimeoutMs == other.rebalanceTimeoutMs
                && Objects.equals(classic, other.classic);
    }

    /** @return true when what the member subscribes to, and with which assignor, equals {@code other}'s */
    public boolean sameSubscriptionAs(ConsumerGroupMember other) {
        return subscribedTopicNames.equals(other.subscribedTopicNames)
                && Objects.equals(subscribedTopicRegex, other.subscribedTopicRegex)
                && Objects.equals(serverAssignor, other.serverAssignor);
    }

    /** @return true when the reconciliation fields (the current-assignment record) equal {@code other}'s */
    public boolean sameAssignmentAs(ConsumerGroupMember other) {
        return memberEpoch == other.memberEpoch && previousMemberEpoch == other.previousMemberEpoch
                && state == other.state && assigned.equals(other.assigned) && pendingRevocation.equals(other.pendingRevocation);
    }

    /** @return true for a static member that left with epoch -2 and may be replaced by its next incarnation */
    public boolean isAwayStaticMember() {
        return instanceId != null && memberEpoch == LEAVE_GROUP_STATIC_MEMBER_EPOCH;
    }

    /** @return the partitions this member holds: owned plus still being revoked */
    public Assignment held() {
        return assigned.union(pendingRevocation);
    }
}
