package io.samsa.coordinator.classic;

import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupSoftState;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * LeaveGroup for classic groups: removes each named member and rebalances the rest. A static
 * member may be named by instance id alone; naming it with another member id is FENCED_INSTANCE_ID.
 * A member id handed out with MEMBER_ID_REQUIRED and not used yet is simply forgotten. Unknown
 * members get UNKNOWN_MEMBER_ID each; an unknown group, UNKNOWN_MEMBER_ID at the top. Stateless;
 * thread-safe.
 */
public final class LeaveGroupHandler {

    public CoordinatorResult<LeaveGroupResult> leave(ClassicGroupContext shard, LeaveGroupRequest request, long nowMs) {
        ClassicGroup group = shard.groups().group(request.groupId());
        if (group == null) {
            return CoordinatorResult.response(LeaveGroupResult.failed(ErrorCode.UNKNOWN_MEMBER_ID));
        }
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.softState(group.groupId());
        GroupChange change = new GroupChange(group);
        List<LeaveGroupResult.MemberResult> results = new ArrayList<>(request.members().size());
        boolean removedAny = false;
        for (LeaveGroupRequest.LeavingMember leaving : request.members()) {
            String memberId = leaving.memberId();
            ErrorCode error;
            if (leaving.groupInstanceId() != null) {
                String current = change.group().staticMemberId(leaving.groupInstanceId());
                if (current == null) {
                    error = ErrorCode.UNKNOWN_MEMBER_ID;
                } else if (!memberId.isEmpty() && !memberId.equals(current)) {
                    error = ErrorCode.FENCED_INSTANCE_ID;
                } else {
                    shard.rebalancer().removeMember(shard, change, current, ErrorCode.UNKNOWN_MEMBER_ID);
                    removedAny = true;
                    error = ErrorCode.NONE;
                }
            } else if (soft.removePendingMember(memberId)) {
                shard.timer().cancel(new GroupTimerKey.PendingMemberJoin(group.groupId(), memberId));
                removedAny = true;
                error = ErrorCode.NONE;
            } else if (change.group().hasMember(memberId)) {
                shard.rebalancer().removeMember(shard, change, memberId, ErrorCode.UNKNOWN_MEMBER_ID);
                removedAny = true;
                error = ErrorCode.NONE;
            } else {
                error = ErrorCode.UNKNOWN_MEMBER_ID;
            }
            results.add(new LeaveGroupResult.MemberResult(memberId, leaving.groupInstanceId(), error));
        }
        if (removedAny) {
            shard.rebalancer().onMembersRemoved(shard, change, nowMs);
        }
        return change.result(new LeaveGroupResult(ErrorCode.NONE, results));
    }
}
