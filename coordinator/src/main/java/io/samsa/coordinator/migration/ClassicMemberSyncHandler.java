package io.samsa.coordinator.migration;

import io.samsa.coordinator.classic.SyncGroupRequest;
import io.samsa.coordinator.classic.SyncGroupResult;
import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.consumer.ConsumerGroupMember;
import io.samsa.coordinator.consumer.ConsumerMemberTimers;
import io.samsa.coordinator.consumer.ConsumerTimerKey;
import io.samsa.coordinator.group.ConsumerSubscriptions;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * SyncGroup from a classic-protocol member of a consumer group (KIP-848 online migration), as
 * Kafka's {@code classicGroupSyncToConsumerGroup}: the member check ({@link ClassicMemberLookup}),
 * the generation (its member epoch, else ILLEGAL_GENERATION), protocol type and name when sent
 * (INCONSISTENT_GROUP_PROTOCOL); then, when the group epoch moved past the member's and it is not
 * revoking, REBALANCE_IN_PROGRESS (it must rejoin within its rebalance timeout); otherwise the
 * partitions it owns now, as a ConsumerProtocolAssignment. Whatever the leader's assignments say
 * is ignored: the coordinator assigns. Writes nothing. Stateless; thread-safe.
 */
public final class ClassicMemberSyncHandler {

    /** @param response completed with the answer once the writes before it are durable */
    public CoordinatorResult<Void> sync(MigrationContext context, SyncGroupRequest request, CompletableFuture<SyncGroupResult> response) {
        ConsumerGroup group = context.consumerGroups().group(request.groupId());
        ErrorCode error = ClassicMemberLookup.validate(group, request.memberId(), request.groupInstanceId());
        ConsumerGroupMember member = group.member(request.memberId());
        if (error == ErrorCode.NONE && request.generationId() != member.memberEpoch()) {
            error = ErrorCode.ILLEGAL_GENERATION;
        }
        String protocolName = member == null || !member.usesClassicProtocol() ? null : member.classic().protocols().get(0).name();
        if (error == ErrorCode.NONE && ((request.protocolType() != null
                && !ConsumerSubscriptions.CONSUMER_PROTOCOL_TYPE.equals(request.protocolType()))
                || (request.protocolName() != null && !Objects.equals(request.protocolName(), protocolName)))) {
            error = ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
        }
        String groupId = request.groupId();
        if (error == ErrorCode.NONE && ClassicMemberHeartbeatHandler.mustRejoinAfterSync(group, member)) {
            ConsumerMemberTimers.scheduleClassicDeadline(context, new ConsumerTimerKey.ClassicJoin(groupId, member.memberId()),
                    groupId, member.memberId(), member.rebalanceTimeoutMs());
            error = ErrorCode.REBALANCE_IN_PROGRESS;
        }
        if (error != ErrorCode.NONE) {
            SyncGroupResult failed = SyncGroupResult.failed(error);
            return CoordinatorResult.<Void>response(null).whenAppended(ignored -> response.complete(failed));
        }
        context.timer().cancel(new ConsumerTimerKey.ClassicJoin(groupId, member.memberId()));
        context.timer().cancel(new ConsumerTimerKey.ClassicSync(groupId, member.memberId()));
        ConsumerMemberTimers.scheduleSession(context, groupId, member.memberId(), member.classic().sessionTimeoutMs());
        SyncGroupResult assignment = new SyncGroupResult(ErrorCode.NONE, ConsumerSubscriptions.CONSUMER_PROTOCOL_TYPE, protocolName,
                ConsumerProtocolPayloads.encode(member.assigned(), context.topics()));
        return CoordinatorResult.<Void>response(null).whenAppended(appended -> response.complete(
                appended == ErrorCode.NONE ? assignment : SyncGroupResult.failed(appended)));
    }
}
