package io.samsa.coordinator.classic;

import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;

/**
 * Heartbeat for classic groups: restarts the member's session and answers NONE in Stable and
 * CompletingRebalance, REBALANCE_IN_PROGRESS in PreparingRebalance (so the member rejoins), and
 * UNKNOWN_MEMBER_ID / FENCED_INSTANCE_ID / ILLEGAL_GENERATION as the member check says. Writes
 * nothing. Stateless; thread-safe.
 */
public final class HeartbeatHandler {

    public CoordinatorResult<ErrorCode> heartbeat(ClassicGroupContext shard, HeartbeatRequest request) {
        ClassicGroup group = shard.groups().group(request.groupId());
        if (group == null) {
            return CoordinatorResult.response(ErrorCode.UNKNOWN_MEMBER_ID);
        }
        ErrorCode error = MemberValidation.validateMember(group, request.memberId(), request.groupInstanceId());
        if (error != ErrorCode.NONE) {
            return CoordinatorResult.response(error);
        }
        if (request.generationId() != group.generationId()) {
            return CoordinatorResult.response(ErrorCode.ILLEGAL_GENERATION);
        }
        shard.rebalancer().scheduleSession(shard, group.groupId(), group.member(request.memberId()));
        return CoordinatorResult.response(group.isInState(ClassicGroupState.PREPARING_REBALANCE)
                ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE);
    }
}
