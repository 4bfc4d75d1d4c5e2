package io.samsa.coordinator.migration;

import io.samsa.coordinator.classic.ClassicGroupConfig;
import io.samsa.coordinator.classic.JoinGroupRequest;
import io.samsa.coordinator.classic.JoinGroupResult;
import io.samsa.coordinator.consumer.Assignment;
import io.samsa.coordinator.consumer.ClassicMemberMetadata;
import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.consumer.ConsumerGroupConfig;
import io.samsa.coordinator.consumer.ConsumerGroupMember;
import io.samsa.coordinator.consumer.ConsumerGroupRecords;
import io.samsa.coordinator.consumer.ConsumerMemberTimers;
import io.samsa.coordinator.consumer.ConsumerTimerKey;
import io.samsa.coordinator.consumer.MemberRemoval;
import io.samsa.coordinator.consumer.MemberUpdater;
import io.samsa.coordinator.consumer.SubscribedTopics;
import io.samsa.coordinator.group.ConsumerSubscriptions;
import io.samsa.coordinator.group.MemberProtocol;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ConsumerProtocolSubscription;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * JoinGroup from a classic-protocol member into a consumer group with members (KIP-848 online
 * migration), as Kafka's {@code classicGroupJoinToConsumerGroup}. The join is answered at once,
 * once its records are durable; nothing is parked.
 * <ul>
 * <li>Checks: session timeout within group.min/max.session.timeout.ms (INVALID_SESSION_TIMEOUT);
 *     protocol type "consumer" and a protocol the group's other classic members support, with a
 *     readable subscription (INCONSISTENT_GROUP_PROTOCOL); group.consumer.max.size for a new member
 *     (GROUP_MAX_SIZE_REACHED); a dynamic member without id from v4 gets one with MEMBER_ID_REQUIRED;
 *     a known member must speak the classic protocol (UNKNOWN_MEMBER_ID), a static one's instance id
 *     must be its own (FENCED_INSTANCE_ID).</li>
 * <li>The member becomes a consumer-group member: the subscription's topics and rack, its
 *     rebalance timeout, and its session timeout and protocols as {@link ClassicMemberMetadata}. A
 *     static member joining without id replaces the member of its instance id, taking its partitions.</li>
 * <li>Then the step every member takes ({@link MemberUpdater}): the group epoch, a new target, and a
 *     reconciliation step with the subscription's owned partitions as what the member owns.</li>
 * <li>The answer: generation = the member epoch, protocol = the member's first, no leader (every
 *     member is a follower; the coordinator assigns), so the member sends SyncGroup next, within its
 *     rebalance timeout (else it is removed); its session runs on its own session timeout.</li>
 * </ul>
 * Stateless apart from its configs; thread-safe.
 */
public final class ClassicMemberJoinHandler {
    private final ClassicGroupConfig classicConfig;
    private final ConsumerGroupConfig consumerConfig;
    private final MemberUpdater updater;

    public ClassicMemberJoinHandler(ClassicGroupConfig classicConfig, ConsumerGroupConfig consumerConfig, SubscribedTopics topics) {
        this.classicConfig = classicConfig;
        this.consumerConfig = consumerConfig;
        this.updater = new MemberUpdater(consumerConfig, topics);
    }

    /** @param response completed with the answer once the join's records are durable */
    public CoordinatorResult<Void> join(MigrationContext context, JoinGroupRequest request,
                                        CompletableFuture<JoinGroupResult> response, long nowMs) {
        String groupId = request.groupId();
        ConsumerGroup group = context.consumerGroups().group(groupId);
        String memberId = request.memberId();
        String instanceId = request.groupInstanceId();
        ErrorCode refused = check(group, request);
        Optional<ConsumerProtocolSubscription> subscription = request.protocols().isEmpty() ? Optional.empty()
                : ConsumerProtocolPayloads.subscription(request.protocols().get(0).metadata());
        if (refused == ErrorCode.NONE && subscription.isEmpty()) {
            refused = ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
        }
        if (refused != ErrorCode.NONE) {
            return answer(response, JoinGroupResult.failed(refused, memberId));
        }
        if (memberId.isEmpty() && instanceId == null && request.apiVersion() >= 4) {
            return answer(response, JoinGroupResult.failed(ErrorCode.MEMBER_ID_REQUIRED, Uuid.random().toString()));
        }
        List<CoordinatorRecord> records = new ArrayList<>();
        Map<String, ConsumerGroupMember> members = MemberUpdater.membersOf(group);
        Map<String, Assignment> targets = MemberUpdater.targetsOf(group);
        ConsumerGroupMember existing;
        if (instanceId != null && memberId.isEmpty()) {
            memberId = Uuid.random().toString();
            String predecessorId = group.memberIdOfInstance(instanceId);
            existing = predecessorId == null ? null
                    : replace(context, group, group.member(predecessorId), memberId, records, members, targets);
        } else if (instanceId != null) {
            ErrorCode error = ClassicMemberLookup.validate(group, memberId, instanceId);
            if (error != ErrorCode.NONE) {
                return answer(response, JoinGroupResult.failed(error, memberId));
            }
            existing = group.member(memberId);
        } else {
            memberId = memberId.isEmpty() ? Uuid.random().toString() : memberId;
            existing = group.member(memberId);
            if (existing != null && !existing.usesClassicProtocol()) {
                return answer(response, JoinGroupResult.failed(ErrorCode.UNKNOWN_MEMBER_ID, memberId));
            }
        }
        if (existing == null && !members.containsKey(memberId) && group.size() >= consumerConfig.maxSize()) {
            return answer(response, JoinGroupResult.failed(ErrorCode.GROUP_MAX_SIZE_REACHED, memberId));
        }
        ConsumerGroupMember base = existing == null ? ConsumerGroupMember.joining(memberId) : existing;
        ConsumerGroupMember joined = withJoinMetadata(base, request, subscription.get());
        ConsumerGroupMember reconciled = updater.update(groupId, group, existing, joined, members, targets,
                ConsumerProtocolPayloads.owned(subscription.get(), context.topics()), records);
        String id = memberId;
        context.timer().cancel(new ConsumerTimerKey.ClassicJoin(groupId, id));
        ConsumerMemberTimers.scheduleSession(context, groupId, id, request.sessionTimeoutMs());
        context.timer().cancel(new ConsumerTimerKey.ClassicSync(groupId, id));
        ConsumerMemberTimers.scheduleClassicDeadline(context, new ConsumerTimerKey.ClassicSync(groupId, id), groupId, id,
                request.rebalanceTimeoutMs());
        JoinGroupResult joinedResult = new JoinGroupResult(ErrorCode.NONE, reconciled.memberEpoch(),
                ConsumerSubscriptions.CONSUMER_PROTOCOL_TYPE, request.protocols().get(0).name(), "", id, false, List.of());
        return CoordinatorResult.<Void>of(records, null).whenAppended(error -> response.complete(
                error == ErrorCode.NONE ? joinedResult : JoinGroupResult.failed(error, id)));
    }

    private ErrorCode check(ConsumerGroup group, JoinGroupRequest request) {
        if (request.sessionTimeoutMs() < classicConfig.groupMinSessionTimeoutMs()
                || request.sessionTimeoutMs() > classicConfig.groupMaxSessionTimeoutMs()) {
            return ErrorCode.INVALID_SESSION_TIMEOUT;
        }
        if (!ConsumerSubscriptions.CONSUMER_PROTOCOL_TYPE.equals(request.protocolType()) || request.protocols().isEmpty()) {
            return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
        }
        Set<String> common = null;
        for (ConsumerGroupMember member : group.members()) {
            if (member.usesClassicProtocol() && !member.memberId().equals(request.memberId())) {
                if (common == null) {
                    common = new HashSet<>(member.classic().protocolNames());
                } else {
                    common.retainAll(member.classic().protocolNames());
                }
            }
        }
        if (common != null && request.protocolNames().stream().noneMatch(common::contains)) {
            return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
        }
        return ErrorCode.NONE;
    }

    /** KIP-345 in a consumer group: the new incarnation takes over the old one's partitions and target under a new id. */
    private static ConsumerGroupMember replace(MigrationContext context, ConsumerGroup group, ConsumerGroupMember predecessor,
                                               String memberId, List<CoordinatorRecord> records,
                                               Map<String, ConsumerGroupMember> members, Map<String, Assignment> targets) {
        records.addAll(MemberRemoval.records(context, group, predecessor.memberId(), false));
        members.remove(predecessor.memberId());
        Assignment target = targets.remove(predecessor.memberId());
        if (target != null) {
            targets.put(memberId, target);
            records.add(ConsumerGroupRecords.newTargetAssignmentRecord(group.groupId(), memberId, target));
        }
        ConsumerGroupMember successor = predecessor.withMemberId(memberId);
        members.put(memberId, successor);
        records.add(ConsumerGroupRecords.newMemberMetadataRecord(group.groupId(), successor));
        records.add(ConsumerGroupRecords.newCurrentAssignmentRecord(group.groupId(), successor));
        return successor;
    }

    private static ConsumerGroupMember withJoinMetadata(ConsumerGroupMember member, JoinGroupRequest request,
                                                        ConsumerProtocolSubscription subscription) {
        List<ClassicMemberMetadata.Protocol> protocols = new ArrayList<>();
        for (MemberProtocol protocol : request.protocols()) {
            protocols.add(new ClassicMemberMetadata.Protocol(protocol.name(), protocol.metadata()));
        }
        return new ConsumerGroupMember(member.memberId(),
                request.groupInstanceId() != null ? request.groupInstanceId() : member.instanceId(),
                subscription.rackId() != null ? subscription.rackId() : member.rackId(),
                request.clientId(), request.clientHost(), subscription.topics().stream().sorted().distinct().toList(), null,
                request.rebalanceTimeoutMs(), null, member.memberEpoch(), member.previousMemberEpoch(), member.state(),
                member.assigned(), member.pendingRevocation(), new ClassicMemberMetadata(request.sessionTimeoutMs(), protocols));
    }

    private static CoordinatorResult<Void> answer(CompletableFuture<JoinGroupResult> response, JoinGroupResult result) {
        return CoordinatorResult.<Void>response(null).whenAppended(error -> response.complete(
                error == ErrorCode.NONE ? result : JoinGroupResult.failed(error, result.memberId())));
    }
}
