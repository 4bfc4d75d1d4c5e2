package io.samsa.coordinator.migration;

import io.samsa.coordinator.classic.LeaveGroupRequest;
import io.samsa.coordinator.classic.LeaveGroupResult;
import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.consumer.ConsumerGroupMember;
import io.samsa.coordinator.consumer.ConsumerGroupRecords;
import io.samsa.coordinator.consumer.MemberRemoval;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * LeaveGroup naming members of a consumer group (KIP-848 online migration), as Kafka's
 * {@code classicGroupLeaveToConsumerGroup}: each member named by instance id (FENCED_INSTANCE_ID
 * when another member id is given with it) or member id is removed, whatever protocol it speaks;
 * unknown ones get UNKNOWN_MEMBER_ID each. The group epoch goes up once for all of them, so the
 * others get a new target. When the leaving members were the last consumer-protocol ones and classic
 * members remain, the group converts back into a classic group instead ({@link MigrationBridge#downgrade}).
 * Stateless; thread-safe.
 */
public final class ClassicMemberLeaveHandler {

    public CoordinatorResult<LeaveGroupResult> leave(MigrationContext context, LeaveGroupRequest request) {
        ConsumerGroup group = context.consumerGroups().group(request.groupId());
        List<LeaveGroupResult.MemberResult> results = new ArrayList<>(request.members().size());
        Set<String> leaving = new HashSet<>();
        for (LeaveGroupRequest.LeavingMember named : request.members()) {
            String memberId = named.memberId();
            ErrorCode error = ErrorCode.NONE;
            if (named.groupInstanceId() != null) {
                String current = group.memberIdOfInstance(named.groupInstanceId());
                if (current == null) {
                    error = ErrorCode.UNKNOWN_MEMBER_ID;
                } else if (!memberId.isEmpty() && !memberId.equals(current)) {
                    error = ErrorCode.FENCED_INSTANCE_ID;
                } else {
                    memberId = current;
                }
            } else if (group.member(memberId) == null) {
                error = ErrorCode.UNKNOWN_MEMBER_ID;
            }
            if (error == ErrorCode.NONE) {
                leaving.add(memberId);
            }
            results.add(new LeaveGroupResult.MemberResult(named.memberId(), named.groupInstanceId(), error));
        }
        LeaveGroupResult result = new LeaveGroupResult(ErrorCode.NONE, results);
        if (leaving.isEmpty()) {
            return CoordinatorResult.response(result);
        }
        List<CoordinatorRecord> records = context.classicGroups().downgrade(group, leaving);
        if (records == null) {
            records = new ArrayList<>();
            for (String memberId : leaving) {
                records.addAll(MemberRemoval.records(context, group, memberId, false));
            }
            records.add(ConsumerGroupRecords.newGroupMetadataRecord(group.groupId(), group.groupEpoch() + 1, group.metadataHash()));
        } else {
            for (ConsumerGroupMember member : group.members()) {
                MemberRemoval.cancelTimers(context, group.groupId(), member.memberId());
            }
        }
        return CoordinatorResult.of(records, result);
    }
}
