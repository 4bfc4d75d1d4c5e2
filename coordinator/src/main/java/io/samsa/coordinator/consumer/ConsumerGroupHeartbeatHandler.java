package io.samsa.coordinator.consumer;

import io.samsa.coordinator.consumer.assignor.PartitionAssignor;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * ConsumerGroupHeartbeat (KIP-848): one heartbeat joins, updates, reconciles or removes a member,
 * as records; it changes no state itself. In order:
 * <ol>
 * <li>{@link HeartbeatValidation}; then the group: a classic group with members under the id is
 *     upgraded by a join (KIP-848 online migration, {@link ClassicGroupProbe#upgrade}), or refuses
 *     it (GROUP_ID_NOT_FOUND) when the policy, its size or its protocol type forbid; an empty one
 *     is replaced.</li>
 * <li>Leave: epoch -1 removes the member ({@link MemberRemoval}; the last consumer-protocol member
 *     leaving only classic members downgrades the group); -2 keeps a static member, away,
 *     with its partitions until its session ends or its next incarnation replaces it.</li>
 * <li>The member: a join (epoch 0) creates it (GROUP_MAX_SIZE_REACHED past group.consumer.max.size),
 *     or replaces an away static member of the same instance id, taking over its partitions and
 *     target (UNRELEASED_INSTANCE_ID when that one has not left); otherwise the member must exist
 *     (UNKNOWN_MEMBER_ID) and send its epoch, or its previous epoch together with owned partitions
 *     it still has (a lost response), else FENCED_MEMBER_EPOCH.</li>
 * <li>The group epoch is bumped when a member joins, its subscription changes, or the subscribed
 *     topics' metadata hash changes ({@link SubscribedTopics}); a bumped epoch computes a new target
 *     ({@link TargetAssignmentBuilder}) and writes the members' targets that changed.</li>
 * <li>The member takes its next step ({@link MemberReconciler}); the response carries its epoch and
 *     its owned partitions when they changed, when the member joined or sent every field, or when
 *     its epoch is not the one it sent.</li>
 * </ol>
 * Stateless apart from its config and topic view; thread-safe.
 */
public final class ConsumerGroupHeartbeatHandler {
    private final ConsumerGroupConfig config;
    private final SubscribedTopics topics;
    private final ConsumerMemberTimers timers;
    private final MemberUpdater updater;

    /** @param overrides the groups' own session timeouts and heartbeat intervals */
    public ConsumerGroupHeartbeatHandler(ConsumerGroupConfig config, SubscribedTopics topics, GroupOverrides overrides) {
        this.config = config;
        this.topics = topics;
        this.timers = new ConsumerMemberTimers(config, overrides);
        this.updater = new MemberUpdater(config, topics);
    }

    public ConsumerMemberTimers timers() {
        return timers;
    }

    public CoordinatorResult<ConsumerGroupHeartbeatResponse> heartbeat(ConsumerGroupContext context,
                                                                       ConsumerGroupHeartbeatRequest request, long nowMs) {
        ConsumerGroupHeartbeatResponse invalid = HeartbeatValidation.validate(request, config, topics);
        if (invalid != null) {
            return CoordinatorResult.response(invalid);
        }
        String groupId = request.groupId();
        ConsumerGroup group = context.consumerGroups().group(groupId);
        List<CoordinatorRecord> records = new ArrayList<>();
        ClassicGroupProbe.Upgrade upgrade = null;
        if (group == null) {
            ClassicGroupProbe.Status classic = context.classicGroups().status(groupId);
            if (classic == ClassicGroupProbe.Status.ACTIVE) {
                upgrade = request.memberEpoch() == 0 ? context.classicGroups().upgrade(groupId, records) : null;
                if (upgrade == null) {
                    return fail(ErrorCode.GROUP_ID_NOT_FOUND, "Group " + groupId + " is not a consumer group.");
                }
                group = upgrade.group();
            } else if (request.memberEpoch() != 0) {
                return fail(ErrorCode.GROUP_ID_NOT_FOUND, "Group " + groupId + " not found.");
            }
            if (classic == ClassicGroupProbe.Status.EMPTY) {
                records.add(context.classicGroups().deletionRecord(groupId));
            }
        }
        if (request.isLeave()) {
            return leave(context, group, request);
        }
        String memberId = request.memberId().isEmpty() ? Uuid.random().toString() : request.memberId();
        Map<String, ConsumerGroupMember> members = MemberUpdater.membersOf(group);
        Map<String, Assignment> targets = MemberUpdater.targetsOf(group);
        ConsumerGroupMember existing = members.get(memberId);
        ConsumerGroupHeartbeatResponse refused;
        if (request.memberEpoch() == 0) {
            ConsumerGroupMember predecessor = staticPredecessor(group, request, memberId);
            refused = checkJoin(group, request, memberId, existing, predecessor);
            if (refused == null && predecessor != null) {
                existing = replace(context, group, predecessor, memberId, records, members, targets);
            }
        } else {
            refused = checkMember(group, request, existing);
        }
        if (refused != null) {
            return CoordinatorResult.response(refused);
        }
        CoordinatorResult<ConsumerGroupHeartbeatResponse> updated = update(context, group, request, memberId, existing, members,
                targets, records);
        if (upgrade == null) {
            return updated;
        }
        Runnable whenDurable = upgrade.whenDurable();
        return updated.whenAppended(error -> {
            if (error == ErrorCode.NONE) {
                whenDurable.run();
            }
        });
    }

    private CoordinatorResult<ConsumerGroupHeartbeatResponse> update(ConsumerGroupContext context, ConsumerGroup group,
            ConsumerGroupHeartbeatRequest request, String memberId, ConsumerGroupMember existing,
            Map<String, ConsumerGroupMember> members, Map<String, Assignment> targets, List<CoordinatorRecord> records) {
        String groupId = request.groupId();
        ConsumerGroupMember base = existing == null ? ConsumerGroupMember.joining(memberId) : existing;
        ConsumerGroupMember reconciled = updater.update(groupId, group, existing, withRequestMetadata(base, request), members,
                targets, request.owned(), records);
        timers.scheduleSession(context, groupId, memberId);
        timers.updateRevocation(context, groupId, reconciled);
        boolean sendAssignment = request.memberEpoch() == 0 || request.isFull() || existing == null
                || request.memberEpoch() != reconciled.memberEpoch() || !reconciled.assigned().equals(existing.assigned());
        return CoordinatorResult.of(records, new ConsumerGroupHeartbeatResponse(ErrorCode.NONE, null, memberId,
                reconciled.memberEpoch(), timers.heartbeatIntervalMs(groupId), sendAssignment ? reconciled.assigned() : null));
    }

    private CoordinatorResult<ConsumerGroupHeartbeatResponse> leave(ConsumerGroupContext context, ConsumerGroup group,
                                                                    ConsumerGroupHeartbeatRequest request) {
        ConsumerGroupMember member = group == null ? null : group.member(request.memberId());
        if (member == null) {
            return fail(ErrorCode.UNKNOWN_MEMBER_ID, "Member " + request.memberId() + " is not a member of group "
                    + request.groupId() + ".");
        }
        int epoch = request.memberEpoch();
        ConsumerGroupHeartbeatResponse left = new ConsumerGroupHeartbeatResponse(ErrorCode.NONE, null, member.memberId(), epoch,
                0, null);
        if (epoch == ConsumerGroupMember.LEAVE_GROUP_STATIC_MEMBER_EPOCH && member.instanceId() != null) {
            ConsumerGroupMember away = member.withAssignment(epoch, member.memberEpoch(), member.state(), member.assigned(),
                    member.pendingRevocation());
            context.timer().cancel(new ConsumerTimerKey.Revocation(group.groupId(), member.memberId()));
            return CoordinatorResult.of(List.of(ConsumerGroupRecords.newCurrentAssignmentRecord(group.groupId(), away)), left);
        }
        return CoordinatorResult.of(MemberRemoval.recordsOrDowngrade(context, group, member.memberId()),
                new ConsumerGroupHeartbeatResponse(ErrorCode.NONE, null, member.memberId(),
                        ConsumerGroupMember.LEAVE_GROUP_MEMBER_EPOCH, 0, null));
    }

    /** @return the away or active member holding the request's instance id under another member id, or null */
    private static ConsumerGroupMember staticPredecessor(ConsumerGroup group, ConsumerGroupHeartbeatRequest request, String memberId) {
        if (group == null || request.instanceId() == null) {
            return null;
        }
        String holder = group.memberIdOfInstance(request.instanceId());
        return holder == null || holder.equals(memberId) ? null : group.member(holder);
    }

    private ConsumerGroupHeartbeatResponse checkJoin(ConsumerGroup group, ConsumerGroupHeartbeatRequest request, String memberId,
                                                     ConsumerGroupMember existing, ConsumerGroupMember predecessor) {
        if (predecessor != null) {
            if (!predecessor.isAwayStaticMember()) {
                return ConsumerGroupHeartbeatResponse.failed(ErrorCode.UNRELEASED_INSTANCE_ID, "Static member "
                        + predecessor.memberId() + " with instance id " + request.instanceId() + " is not released yet.");
            }
            return null;
        }
        if (existing == null && group != null && group.size() >= config.maxSize()) {
            return ConsumerGroupHeartbeatResponse.failed(ErrorCode.GROUP_MAX_SIZE_REACHED, "The consumer group has reached its"
                    + " maximum capacity of " + config.maxSize() + " members.");
        }
        return null;
    }

    private static ConsumerGroupHeartbeatResponse checkMember(ConsumerGroup group, ConsumerGroupHeartbeatRequest request,
                                                              ConsumerGroupMember existing) {
        if (existing == null) {
            return ConsumerGroupHeartbeatResponse.failed(ErrorCode.UNKNOWN_MEMBER_ID, "Member " + request.memberId()
                    + " is not a member of group " + group.groupId() + ".");
        }
        if (request.instanceId() != null && !request.instanceId().equals(existing.instanceId())) {
            return ConsumerGroupHeartbeatResponse.failed(ErrorCode.FENCED_INSTANCE_ID, "Instance id " + request.instanceId()
                    + " does not belong to member " + existing.memberId() + ".");
        }
        int received = request.memberEpoch();
        boolean retryOfLostResponse = received == existing.previousMemberEpoch() && request.owned() != null
                && existing.assigned().union(request.owned()).equals(existing.assigned());
        if (received > existing.memberEpoch() || (received < existing.memberEpoch() && !retryOfLostResponse)) {
            return ConsumerGroupHeartbeatResponse.failed(ErrorCode.FENCED_MEMBER_EPOCH, "The consumer group member has a"
                    + " smaller member epoch (" + received + ") than the one known by the group coordinator ("
                    + existing.memberEpoch() + "). The member must abandon all its partitions and rejoin.");
        }
        return null;
    }

    /**
     * A static member's next incarnation takes over the away one: same partitions, same target,
     * same place in the group, so nobody else rebalances.
     *
     * @return the new member, holding the predecessor's state under the new id
     */
    private static ConsumerGroupMember replace(ConsumerGroupContext context, ConsumerGroup group, ConsumerGroupMember predecessor,
                                               String memberId, List<CoordinatorRecord> records,
                                               Map<String, ConsumerGroupMember> members, Map<String, Assignment> targets) {
        records.addAll(MemberRemoval.records(context, group, predecessor.memberId(), false));
        ConsumerGroupMember successor = predecessor.withMemberId(memberId).withAssignment(0, 0, predecessor.state(),
                predecessor.assigned(), predecessor.pendingRevocation());
        Assignment target = targets.remove(predecessor.memberId());
        members.remove(predecessor.memberId());
        if (target != null) {
            targets.put(memberId, target);
            records.add(ConsumerGroupRecords.newTargetAssignmentRecord(group.groupId(), memberId, target));
        }
        members.put(memberId, successor);
        records.add(ConsumerGroupRecords.newMemberMetadataRecord(group.groupId(), successor));
        records.add(ConsumerGroupRecords.newCurrentAssignmentRecord(group.groupId(), successor));
        return successor;
    }

    private static ConsumerGroupMember withRequestMetadata(ConsumerGroupMember member, ConsumerGroupHeartbeatRequest request) {
        List<String> names = request.subscribedTopicNames() == null ? member.subscribedTopicNames()
                : request.subscribedTopicNames().stream().sorted().distinct().toList();
        String regex = member.subscribedTopicRegex();
        if (request.subscribedTopicRegex() != null) {
            regex = request.subscribedTopicRegex().isEmpty() ? null : request.subscribedTopicRegex();
        }
        String assignor = member.serverAssignor();
        if (request.serverAssignor() != null) {
            assignor = request.serverAssignor().isEmpty() ? null : request.serverAssignor();
        }
        return new ConsumerGroupMember(member.memberId(),
                request.instanceId() != null ? request.instanceId() : member.instanceId(),
                request.rackId() != null ? request.rackId() : member.rackId(),
                request.clientId(), request.clientHost(), names, regex,
                request.rebalanceTimeoutMs() != -1 ? request.rebalanceTimeoutMs() : member.rebalanceTimeoutMs(),
                assignor, member.memberEpoch(), member.previousMemberEpoch(), member.state(), member.assigned(),
                member.pendingRevocation(), null);
    }

    private static CoordinatorResult<ConsumerGroupHeartbeatResponse> fail(ErrorCode error, String message) {
        return CoordinatorResult.response(ConsumerGroupHeartbeatResponse.failed(error, message));
    }
}
