package io.samsa.coordinator.classic;

import com.google.protobuf.ByteString;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupMember;
import io.samsa.coordinator.group.ClassicGroupSoftState;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * JoinGroup for classic groups. The answer goes to {@code response}, either at once (errors,
 * MEMBER_ID_REQUIRED, a follower rejoining a settled group) or when the join phase ends; either
 * way only after the records it depends on are durable.
 *
 * <ul>
 * <li>Checks: session timeout within group.min/max.session.timeout.ms (INVALID_SESSION_TIMEOUT); a
 *     member id for a group that does not exist (UNKNOWN_MEMBER_ID); group.max.size
 *     (GROUP_MAX_SIZE_REACHED); protocol type and a common protocol (INCONSISTENT_GROUP_PROTOCOL).</li>
 * <li>New dynamic member, v4+: a member id is handed out with MEMBER_ID_REQUIRED and kept pending
 *     for a session timeout (KIP-394); before v4 the member is added at once.</li>
 * <li>New static member: added. Known instance id with an empty member id: the old member id is
 *     replaced and fenced; a Stable group with unchanged protocols does not rebalance and the
 *     member gets the current generation (a replaced leader: skipAssignment from v9, else the old
 *     leader id so it does not assign).</li>
 * <li>Known member: rejoins the join phase; in CompletingRebalance or Stable an unchanged follower
 *     gets the current generation back, while the leader or changed protocols start a rebalance (in
 *     Stable held until the generation's other members have synced, at most
 *     group.classic.sync.grace.ms: see {@link Rebalancer#holdRebalanceForPendingSyncs}).</li>
 * </ul>
 *
 * <p>Stateless apart from its config; thread-safe.
 */
public final class JoinGroupHandler {
    private final ClassicGroupConfig config;

    public JoinGroupHandler(ClassicGroupConfig config) {
        this.config = config;
    }

    /** @param response completed with the answer, now or when the join phase ends */
    public CoordinatorResult<Void> join(ClassicGroupContext shard, JoinGroupRequest request,
                                        CompletableFuture<JoinGroupResult> response, long nowMs) {
        String groupId = request.groupId();
        String memberId = request.memberId();
        if (request.sessionTimeoutMs() < config.groupMinSessionTimeoutMs()
                || request.sessionTimeoutMs() > config.groupMaxSessionTimeoutMs()) {
            return answer(response, JoinGroupResult.failed(ErrorCode.INVALID_SESSION_TIMEOUT, memberId));
        }
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> existingSoft = shard.existingSoftState(groupId);
        boolean pending = existingSoft != null && !memberId.isEmpty() && existingSoft.isPendingMember(memberId);
        ClassicGroup group = shard.groups().group(groupId);
        if (group == null && shard.isOtherGroupType(groupId)) {
            // A consumer-protocol (KIP-848) group with members holds the id (the service routes its joins to it).
            return answer(response, JoinGroupResult.failed(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, memberId));
        }
        if (group == null) {
            if (!memberId.isEmpty() && !pending) {
                return answer(response, JoinGroupResult.failed(ErrorCode.UNKNOWN_MEMBER_ID, memberId));
            }
            group = ClassicGroup.empty(groupId, nowMs);
        }
        if (!acceptsJoiningMember(shard, group, memberId, pending)) {
            return answer(response, JoinGroupResult.failed(ErrorCode.GROUP_MAX_SIZE_REACHED, memberId));
        }
        if (!group.supportsProtocols(request.protocolType(), request.protocolNames())) {
            return answer(response, JoinGroupResult.failed(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, memberId));
        }
        GroupChange change = new GroupChange(group);
        if (memberId.isEmpty()) {
            joinNewMember(shard, change, request, response, nowMs);
        } else if (pending) {
            shard.softState(groupId).removePendingMember(memberId);
            shard.timer().cancel(new GroupTimerKey.PendingMemberJoin(groupId, memberId));
            addMemberAndRebalance(shard, change, request, memberId, response, nowMs);
        } else {
            joinKnownMember(shard, change, request, response, nowMs);
        }
        return change.result(null);
    }

    private void joinNewMember(ClassicGroupContext shard, GroupChange change, JoinGroupRequest request,
                               CompletableFuture<JoinGroupResult> response, long nowMs) {
        String newMemberId = request.clientId() + "-" + UUID.randomUUID();
        String instanceId = request.groupInstanceId();
        if (instanceId != null) {
            String oldMemberId = change.group().staticMemberId(instanceId);
            if (oldMemberId != null) {
                replaceStaticMember(shard, change, request, oldMemberId, newMemberId, response, nowMs);
            } else {
                addMemberAndRebalance(shard, change, request, newMemberId, response, nowMs);
            }
        } else if (request.apiVersion() >= 4) {
            shard.softState(change.groupId()).addPendingMember(newMemberId);
            shard.rebalancer().schedulePendingMember(shard, change.groupId(), newMemberId, request.sessionTimeoutMs());
            change.respond(response, JoinGroupResult.failed(ErrorCode.MEMBER_ID_REQUIRED, newMemberId),
                    error -> JoinGroupResult.failed(error, ""));
        } else {
            addMemberAndRebalance(shard, change, request, newMemberId, response, nowMs);
        }
    }

    private void joinKnownMember(ClassicGroupContext shard, GroupChange change, JoinGroupRequest request,
                                 CompletableFuture<JoinGroupResult> response, long nowMs) {
        ClassicGroup group = change.group();
        String memberId = request.memberId();
        ErrorCode error = MemberValidation.validateMember(group, memberId, request.groupInstanceId());
        if (error != ErrorCode.NONE) {
            change.respond(response, JoinGroupResult.failed(error, memberId), e -> JoinGroupResult.failed(e, memberId));
            return;
        }
        ClassicGroupMember member = group.member(memberId);
        boolean unchanged = member.hasSameProtocols(request.protocols());
        boolean answerWithCurrentGeneration = switch (group.state()) {
            case COMPLETING_REBALANCE -> unchanged;
            case STABLE -> unchanged && !group.isLeader(memberId);
            default -> false;
        };
        if (answerWithCurrentGeneration) {
            shard.rebalancer().scheduleSession(shard, change.groupId(), member);
            change.respond(response, Rebalancer.joinResult(group, memberId, false), e -> JoinGroupResult.failed(e, memberId));
            return;
        }
        ClassicGroupMember updated = member.withJoinDetails(request.sessionTimeoutMs(), request.rebalanceTimeoutMs(), request.protocols());
        if (!updated.equals(member)) {
            change.set(group.withMember(updated));
        }
        if (shard.rebalancer().holdRebalanceForPendingSyncs(shard, change, memberId)) {
            park(shard, change, updated, response);
            return;
        }
        parkAndRebalance(shard, change, updated, response, nowMs);
    }

    private void addMemberAndRebalance(ClassicGroupContext shard, GroupChange change, JoinGroupRequest request,
                                       String memberId, CompletableFuture<JoinGroupResult> response, long nowMs) {
        ClassicGroupMember member = new ClassicGroupMember(memberId, request.groupInstanceId(), request.clientId(),
                request.clientHost(), request.sessionTimeoutMs(), request.rebalanceTimeoutMs(), request.protocols(), ByteString.EMPTY);
        ClassicGroup group = change.group();
        if (group.hasNoMembers()) {
            group = group.withProtocolType(request.protocolType());
        }
        change.set(group.withMember(member));
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.softState(change.groupId());
        if (soft.inInitialDelay()) {
            soft.noteJoinDuringInitialDelay();
        }
        parkAndRebalance(shard, change, member, response, nowMs);
    }

    /** Parks the member's JoinGroup, starts a rebalance if the group is settled, and ends the join phase if it can. */
    private void parkAndRebalance(ClassicGroupContext shard, GroupChange change, ClassicGroupMember member,
                                  CompletableFuture<JoinGroupResult> response, long nowMs) {
        park(shard, change, member, response);
        if (!change.group().isInState(ClassicGroupState.PREPARING_REBALANCE)) {
            shard.rebalancer().prepareRebalance(shard, change, nowMs);
        }
        shard.rebalancer().maybeCompleteJoinPhase(shard, change, nowMs);
    }

    /** Parks the member's JoinGroup until the join phase ends (a parked member counts as alive). */
    private static void park(ClassicGroupContext shard, GroupChange change, ClassicGroupMember member,
                             CompletableFuture<JoinGroupResult> response) {
        String memberId = member.memberId();
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.softState(change.groupId());
        CompletableFuture<JoinGroupResult> previous = soft.awaitingJoin().park(memberId, response);
        if (previous != null && previous != response) {
            previous.complete(JoinGroupResult.failed(ErrorCode.REBALANCE_IN_PROGRESS, memberId));
        }
        change.respondOnFailure(response, error -> {
            soft.awaitingJoin().take(memberId);
            return JoinGroupResult.failed(error, memberId);
        });
        shard.rebalancer().scheduleSession(shard, change.groupId(), member);
    }

    /** KIP-345: a known instance id joined with an empty member id, so it takes over under a new id. */
    private void replaceStaticMember(ClassicGroupContext shard, GroupChange change, JoinGroupRequest request,
                                     String oldMemberId, String newMemberId, CompletableFuture<JoinGroupResult> response, long nowMs) {
        ClassicGroup group = change.group();
        ClassicGroupMember old = group.member(oldMemberId);
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.softState(change.groupId());
        CompletableFuture<JoinGroupResult> oldJoin = soft.awaitingJoin().take(oldMemberId);
        if (oldJoin != null) {
            oldJoin.complete(JoinGroupResult.failed(ErrorCode.FENCED_INSTANCE_ID, oldMemberId));
        }
        CompletableFuture<SyncGroupResult> oldSync = soft.awaitingSync().take(oldMemberId);
        if (oldSync != null) {
            oldSync.complete(SyncGroupResult.failed(ErrorCode.FENCED_INSTANCE_ID));
        }
        if (soft.pendingSyncMemberIds().remove(oldMemberId)) {
            soft.pendingSyncMemberIds().add(newMemberId);
        }
        shard.timer().cancel(new GroupTimerKey.MemberSession(change.groupId(), oldMemberId));
        ClassicGroupMember replacement = new ClassicGroupMember(newMemberId, request.groupInstanceId(), request.clientId(),
                request.clientHost(), request.sessionTimeoutMs(), request.rebalanceTimeoutMs(), request.protocols(), old.assignment());
        ClassicGroup replaced = group.withStaticMemberReplaced(oldMemberId, newMemberId).withMember(replacement);
        change.set(replaced);
        change.persist(); // after a restart the instance id must map to the new member id, which fences the old one
        // As Kafka: a restarted static member's metadata differs (it owns nothing yet), so only a
        // change of the protocol the group would select forces a rebalance.
        if (group.isInState(ClassicGroupState.STABLE) && Objects.equals(group.protocolName(), replaced.selectProtocol())) {
            shard.rebalancer().scheduleSession(shard, change.groupId(), replacement);
            change.respond(response, staticRejoinResult(replaced, group.isLeader(oldMemberId), oldMemberId, newMemberId, request.apiVersion()),
                    error -> JoinGroupResult.failed(error, ""));
            return;
        }
        parkAndRebalance(shard, change, replacement, response, nowMs);
    }

    /** The current generation for a replaced static member of a Stable group (no rebalance). */
    private static JoinGroupResult staticRejoinResult(ClassicGroup group, boolean wasLeader, String oldMemberId,
                                                      String newMemberId, short apiVersion) {
        if (!wasLeader) {
            return Rebalancer.joinResult(group, newMemberId, false);
        }
        if (apiVersion >= 9) {
            return Rebalancer.joinResult(group, newMemberId, true);
        }
        return new JoinGroupResult(ErrorCode.NONE, group.generationId(), group.protocolType(), group.protocolName(),
                oldMemberId, newMemberId, false, List.of());
    }

    /**
     * group.max.size: a member already in the group is always let back in; a new one only while
     * members plus outstanding pending member ids stay below the limit (stricter than Kafka, which
     * in PreparingRebalance counts only members that already rejoined).
     */
    private boolean acceptsJoiningMember(ClassicGroupContext shard, ClassicGroup group, String memberId, boolean pending) {
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.existingSoftState(group.groupId());
        int otherPending = (soft == null ? 0 : soft.pendingMemberIds().size()) - (pending ? 1 : 0);
        return group.hasMember(memberId) || group.size() + otherPending < config.groupMaxSize();
    }

    private static CoordinatorResult<Void> answer(CompletableFuture<JoinGroupResult> response, JoinGroupResult result) {
        return CoordinatorResult.<Void>response(null).whenAppended(error -> response.complete(
                error == ErrorCode.NONE ? result : JoinGroupResult.failed(error, result.memberId())));
    }
}
