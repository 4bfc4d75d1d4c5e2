package io.samsa.coordinator.migration;

import io.samsa.coordinator.classic.HeartbeatRequest;
import io.samsa.coordinator.consumer.Assignment;
import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.consumer.ConsumerGroupMember;
import io.samsa.coordinator.consumer.ConsumerMemberTimers;
import io.samsa.coordinator.consumer.ConsumerTimerKey;
import io.samsa.coordinator.consumer.MemberState;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.Map;
import java.util.SortedSet;

/**
 * Heartbeat from a classic-protocol member of a consumer group (KIP-848 online migration), as
 * Kafka's {@code classicGroupHeartbeatToConsumerGroup}: the member check
 * ({@link ClassicMemberLookup}) and its generation (the member epoch, else ILLEGAL_GENERATION);
 * the session restarts; and the member is told REBALANCE_IN_PROGRESS, so it rejoins within its
 * rebalance timeout (else it is removed), when
 * <ol>
 * <li>the group epoch moved past the member's (a new target),</li>
 * <li>it must revoke partitions (UNREVOKED_PARTITIONS: the classic way to signal a revocation), or</li>
 * <li>it waits for partitions (UNRELEASED_PARTITIONS) that their previous owners have released.</li>
 * </ol>
 * Writes nothing. Stateless; thread-safe.
 */
public final class ClassicMemberHeartbeatHandler {

    public CoordinatorResult<ErrorCode> heartbeat(MigrationContext context, HeartbeatRequest request) {
        ConsumerGroup group = context.consumerGroups().group(request.groupId());
        ErrorCode error = ClassicMemberLookup.validate(group, request.memberId(), request.groupInstanceId());
        if (error != ErrorCode.NONE) {
            return CoordinatorResult.response(error);
        }
        ConsumerGroupMember member = group.member(request.memberId());
        if (request.generationId() != member.memberEpoch()) {
            return CoordinatorResult.response(ErrorCode.ILLEGAL_GENERATION);
        }
        String groupId = group.groupId();
        ConsumerMemberTimers.scheduleSession(context, groupId, member.memberId(), member.classic().sessionTimeoutMs());
        if (member.memberEpoch() < group.groupEpoch() || member.state() == MemberState.UNREVOKED_PARTITIONS
                || (member.state() == MemberState.UNRELEASED_PARTITIONS && !waitsOnUnreleasedPartition(group, member))) {
            ConsumerMemberTimers.scheduleClassicDeadline(context, new ConsumerTimerKey.ClassicJoin(groupId, member.memberId()),
                    groupId, member.memberId(), member.rebalanceTimeoutMs());
            return CoordinatorResult.response(ErrorCode.REBALANCE_IN_PROGRESS);
        }
        return CoordinatorResult.response(ErrorCode.NONE);
    }

    /**
     * @return true when the group's epoch moved past the member's and the member is not revoking
     *         (a revoking member has rejoined already; it rejoins again once it revoked)
     */
    static boolean mustRejoinAfterSync(ConsumerGroup group, ConsumerGroupMember member) {
        return group.groupEpoch() > member.memberEpoch() && member.state() != MemberState.UNREVOKED_PARTITIONS;
    }

    /** @return true while some partition of the member's target it does not own yet is still held by another member */
    static boolean waitsOnUnreleasedPartition(ConsumerGroup group, ConsumerGroupMember member) {
        Assignment missing = group.targetAssignment(member.memberId()).minus(member.assigned());
        if (missing.isEmpty()) {
            return false;
        }
        Map<Uuid, Map<Integer, String>> owners = group.partitionOwners();
        for (Map.Entry<Uuid, SortedSet<Integer>> entry : missing.partitions().entrySet()) {
            Map<Integer, String> holders = owners.getOrDefault(entry.getKey(), Map.of());
            for (int partition : entry.getValue()) {
                String holder = holders.get(partition);
                if (holder != null && !holder.equals(member.memberId())) {
                    return true;
                }
            }
        }
        return false;
    }
}
