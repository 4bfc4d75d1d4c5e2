package io.samsa.coordinator.migration;

import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.consumer.ConsumerGroupContext;
import io.samsa.coordinator.consumer.ConsumerGroupMember;
import io.samsa.protocol.ErrorCode;

/**
 * Where a classic-protocol request (JoinGroup, SyncGroup, Heartbeat, LeaveGroup) goes, and the
 * member check those naming a member make inside a consumer group, as Kafka's
 * {@code validateConsumerGroupMember} and {@code throwIfMemberDoesNotUseClassicProtocol}: an
 * instance id must map to the member id (UNKNOWN_MEMBER_ID when it maps to nothing,
 * FENCED_INSTANCE_ID when to another member), the member must exist and speak the classic protocol
 * (UNKNOWN_MEMBER_ID otherwise). Stateless; thread-safe.
 */
public final class ClassicMemberLookup {
    private ClassicMemberLookup() {
    }

    /**
     * @return true when a consumer group with members holds {@code groupId}: classic requests are
     *         then served by the consumer group (online migration); an empty one is not joined
     */
    public static boolean isConsumerGroupWithMembers(ConsumerGroupContext context, String groupId) {
        ConsumerGroup group = context.consumerGroups().group(groupId);
        return group != null && !group.isEmpty();
    }

    /** @param instanceId null for dynamic members */
    static ErrorCode validate(ConsumerGroup group, String memberId, String instanceId) {
        if (instanceId != null) {
            String current = group.memberIdOfInstance(instanceId);
            if (current == null) {
                return ErrorCode.UNKNOWN_MEMBER_ID;
            }
            if (!current.equals(memberId)) {
                return ErrorCode.FENCED_INSTANCE_ID;
            }
        }
        ConsumerGroupMember member = group.member(memberId);
        return member != null && member.usesClassicProtocol() ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
    }
}
