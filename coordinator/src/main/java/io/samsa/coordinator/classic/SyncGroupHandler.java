package io.samsa.coordinator.classic;

import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupSoftState;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * SyncGroup for classic groups.
 * <ul>
 * <li>Checks, in Kafka's order: the member (UNKNOWN_MEMBER_ID / FENCED_INSTANCE_ID), the generation
 *     (ILLEGAL_GENERATION), protocol type and name when sent (INCONSISTENT_GROUP_PROTOCOL).</li>
 * <li>PreparingRebalance: REBALANCE_IN_PROGRESS.</li>
 * <li>CompletingRebalance: followers are parked; the leader's assignment moves the group to Stable,
 *     and once that record is durable every parked member gets its assignment.</li>
 * <li>Stable: the member's stored assignment at once; the last member a held rebalance waited for
 *     then starts it (see {@link Rebalancer#holdRebalanceForPendingSyncs}).</li>
 * </ul>
 * Stateless; thread-safe.
 */
public final class SyncGroupHandler {

    /** @param response completed with the answer, now or when the leader's assignment is durable */
    public CoordinatorResult<Void> sync(ClassicGroupContext shard, SyncGroupRequest request,
                                        CompletableFuture<SyncGroupResult> response, long nowMs) {
        ClassicGroup group = shard.groups().group(request.groupId());
        ErrorCode error = group == null ? ErrorCode.UNKNOWN_MEMBER_ID : validate(group, request);
        if (error == ErrorCode.NONE && group.isInState(ClassicGroupState.PREPARING_REBALANCE)) {
            error = ErrorCode.REBALANCE_IN_PROGRESS;
        }
        if (error != ErrorCode.NONE) {
            return answer(response, SyncGroupResult.failed(error));
        }
        String memberId = request.memberId();
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.softState(group.groupId());
        shard.rebalancer().scheduleSession(shard, group.groupId(), group.member(memberId));
        soft.pendingSyncMemberIds().remove(memberId);
        if (soft.pendingSyncMemberIds().isEmpty()) {
            shard.timer().cancel(new GroupTimerKey.SyncPhase(group.groupId()));
        }
        if (group.isInState(ClassicGroupState.STABLE)) {
            if (soft.isRebalanceHeld() && soft.pendingSyncMemberIds().isEmpty()) {
                // the last member the held rebalance waited for: its assignment, then the rebalance
                GroupChange change = new GroupChange(group);
                change.respond(response, assignmentOf(group, memberId), SyncGroupResult::failed);
                shard.rebalancer().startHeldRebalance(shard, change, nowMs);
                return change.result(null);
            }
            return answer(response, assignmentOf(group, memberId));
        }
        GroupChange change = new GroupChange(group);
        CompletableFuture<SyncGroupResult> previous = soft.awaitingSync().park(memberId, response);
        if (previous != null && previous != response) {
            previous.complete(SyncGroupResult.failed(ErrorCode.REBALANCE_IN_PROGRESS));
        }
        if (group.isLeader(memberId)) {
            ClassicGroup stable = group.withAssignments(request.assignments()).transitionTo(ClassicGroupState.STABLE, nowMs);
            change.set(stable);
            for (Map.Entry<String, CompletableFuture<SyncGroupResult>> parked : soft.awaitingSync().takeAll().entrySet()) {
                change.respond(parked.getValue(), assignmentOf(stable, parked.getKey()), SyncGroupResult::failed);
            }
        }
        return change.result(null);
    }

    private static ErrorCode validate(ClassicGroup group, SyncGroupRequest request) {
        ErrorCode error = MemberValidation.validateMember(group, request.memberId(), request.groupInstanceId());
        if (error != ErrorCode.NONE) {
            return error;
        }
        if (request.generationId() != group.generationId()) {
            return ErrorCode.ILLEGAL_GENERATION;
        }
        if ((request.protocolType() != null && !Objects.equals(request.protocolType(), group.protocolType()))
                || (request.protocolName() != null && !Objects.equals(request.protocolName(), group.protocolName()))) {
            return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
        }
        return ErrorCode.NONE;
    }

    private static SyncGroupResult assignmentOf(ClassicGroup group, String memberId) {
        return new SyncGroupResult(ErrorCode.NONE, group.protocolType(), group.protocolName(),
                group.member(memberId).assignment());
    }

    private static CoordinatorResult<Void> answer(CompletableFuture<SyncGroupResult> response, SyncGroupResult result) {
        return CoordinatorResult.<Void>response(null).whenAppended(error -> response.complete(
                error == ErrorCode.NONE ? result : SyncGroupResult.failed(error)));
    }
}
