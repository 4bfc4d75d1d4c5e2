package io.samsa.coordinator.classic;

import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupMember;
import io.samsa.coordinator.group.ClassicGroupSoftState;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The rebalance steps the classic-group handlers share: start a rebalance, end the join phase,
 * remove a member, and the deadlines (session, join phase, sync phase, pending member) with what
 * happens when they pass. Each step derives the group's next state into a {@link GroupChange};
 * the timers and parked responses it touches are in-memory only.
 *
 * <pre>
 *   prepareRebalance ─► PreparingRebalance ── all rejoined / join deadline ──► completeJoinPhase
 *        ▲                                                                        │ generation+1
 *        │ member left / expired / changed                                        ▼
 *   Stable ◄── leader's SyncGroup ── CompletingRebalance ── sync deadline: drop non-syncers, rebalance
 * </pre>
 *
 * <p>Stateless apart from its config; thread-safe. Runs on the partition's event thread.
 */
public final class Rebalancer {
    private final ClassicGroupConfig config;

    public Rebalancer(ClassicGroupConfig config) {
        this.config = config;
    }

    ClassicGroupConfig config() {
        return config;
    }

    /** Restarts every deadline a loaded partition's groups imply (timers are not persisted). */
    public void onLoaded(ClassicGroupContext shard) {
        for (ClassicGroup group : shard.groups().groups()) {
            for (ClassicGroupMember member : group.members()) {
                scheduleSession(shard, group.groupId(), member);
            }
            if (group.isInState(ClassicGroupState.PREPARING_REBALANCE)) {
                scheduleJoinPhase(shard, group.groupId(), maxRebalanceTimeoutMs(group));
            } else if (group.isInState(ClassicGroupState.COMPLETING_REBALANCE)) {
                Set<String> pendingSync = shard.softState(group.groupId()).pendingSyncMemberIds();
                group.members().forEach(member -> pendingSync.add(member.memberId()));
                scheduleSyncPhase(shard, group.groupId(), maxRebalanceTimeoutMs(group));
            }
        }
    }

    /**
     * A consumer group became this classic group (KIP-848 online downgrade), written in
     * PreparingRebalance: every member's session and the join phase start, so the members (told
     * REBALANCE_IN_PROGRESS by their heartbeats) rejoin or are removed at the rebalance timeout.
     */
    public void onConvertedFromConsumerGroup(ClassicGroupContext shard, ClassicGroup group) {
        for (ClassicGroupMember member : group.members()) {
            scheduleSession(shard, group.groupId(), member);
        }
        scheduleJoinPhase(shard, group.groupId(), maxRebalanceTimeoutMs(group));
    }

    /**
     * This classic group becomes a consumer group (KIP-848 online upgrade): parked JoinGroup and
     * SyncGroup answers get REBALANCE_IN_PROGRESS (the members rejoin the consumer group) and every
     * deadline of the classic group stops.
     */
    public void onConvertedToConsumerGroup(ClassicGroupContext shard, ClassicGroup group) {
        String groupId = group.groupId();
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.existingSoftState(groupId);
        if (soft != null) {
            soft.awaitingJoin().takeAll().forEach((memberId, future) ->
                    future.complete(JoinGroupResult.failed(ErrorCode.REBALANCE_IN_PROGRESS, memberId)));
            answerParkedSyncs(soft, ErrorCode.REBALANCE_IN_PROGRESS);
            soft.pendingSyncMemberIds().clear();
            releaseHold(shard, groupId);
        }
        for (ClassicGroupMember member : group.members()) {
            shard.timer().cancel(new GroupTimerKey.MemberSession(groupId, member.memberId()));
        }
        shard.timer().cancel(new GroupTimerKey.JoinPhase(groupId));
        shard.timer().cancel(new GroupTimerKey.SyncPhase(groupId));
    }

    /** (Re)starts a member's session: it must heartbeat, join, sync or commit within its session timeout. */
    public void scheduleSession(ClassicGroupContext shard, String groupId, ClassicGroupMember member) {
        String memberId = member.memberId();
        shard.timer().schedule(new GroupTimerKey.MemberSession(groupId, memberId), member.sessionTimeoutMs(),
                nowMs -> onSessionExpired(shard, groupId, memberId, nowMs));
    }

    /**
     * A rejoin asks a Stable group for a rebalance while some members of its generation have not
     * sent SyncGroup yet (they are still on their way from the JoinGroup answer). Starting it now
     * would answer their SyncGroup with REBALANCE_IN_PROGRESS: they would never see this
     * generation's assignment, so for cooperative-sticky the partitions it takes from them could
     * only be revoked one more round later. So the rebalance waits until they have synced, at most
     * group.classic.sync.grace.ms; the rejoining member's JoinGroup stays parked meanwhile.
     *
     * @param memberId the rejoining member: it no longer waits for this generation's assignment
     * @return true when the rebalance is held, false when it should start now
     */
    boolean holdRebalanceForPendingSyncs(ClassicGroupContext shard, GroupChange change, String memberId) {
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.softState(change.groupId());
        if (!change.group().isInState(ClassicGroupState.STABLE)) {
            return false;
        }
        soft.pendingSyncMemberIds().remove(memberId);
        if (config.groupSyncGraceMs() == 0 || soft.pendingSyncMemberIds().isEmpty()) {
            return false;
        }
        if (!soft.isRebalanceHeld()) {
            soft.holdRebalance();
            String groupId = change.groupId();
            shard.timer().schedule(new GroupTimerKey.SyncGrace(groupId), config.groupSyncGraceMs(), nowMs -> {
                ClassicGroup group = shard.groups().group(groupId);
                if (group == null) {
                    return CoordinatorResult.empty();
                }
                GroupChange expired = new GroupChange(group);
                startHeldRebalance(shard, expired, nowMs);
                return expired.result(null);
            });
        }
        return true;
    }

    /** Starts the rebalance {@link #holdRebalanceForPendingSyncs} held, if one is held. */
    void startHeldRebalance(ClassicGroupContext shard, GroupChange change, long nowMs) {
        if (!shard.softState(change.groupId()).isRebalanceHeld()) {
            return;
        }
        if (change.group().isInState(ClassicGroupState.STABLE)) {
            prepareRebalance(shard, change, nowMs);
        } else {
            releaseHold(shard, change.groupId());
        }
        maybeCompleteJoinPhase(shard, change, nowMs);
    }

    private static void releaseHold(ClassicGroupContext shard, String groupId) {
        if (shard.softState(groupId).releaseHeldRebalance()) {
            shard.timer().cancel(new GroupTimerKey.SyncGrace(groupId));
        }
    }

    /** Moves a Stable, CompletingRebalance or Empty group into a new join phase. */
    void prepareRebalance(ClassicGroupContext shard, GroupChange change, long nowMs) {
        ClassicGroup group = change.group();
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.softState(group.groupId());
        if (group.isInState(ClassicGroupState.COMPLETING_REBALANCE)) {
            answerParkedSyncs(soft, ErrorCode.REBALANCE_IN_PROGRESS);
        }
        releaseHold(shard, group.groupId());
        shard.timer().cancel(new GroupTimerKey.SyncPhase(group.groupId()));
        soft.pendingSyncMemberIds().clear();
        boolean fromEmpty = group.isInState(ClassicGroupState.EMPTY);
        change.set(group.transitionTo(ClassicGroupState.PREPARING_REBALANCE, nowMs));
        if (fromEmpty) {
            long delayMs = config.groupInitialRebalanceDelayMs();
            soft.startInitialDelay(Math.max(0, maxRebalanceTimeoutMs(change.group()) - delayMs));
            scheduleInitialDelay(shard, group.groupId(), delayMs);
        } else {
            scheduleJoinPhase(shard, group.groupId(), maxRebalanceTimeoutMs(change.group()));
        }
    }

    /** Ends the join phase now if nobody is left to wait for. */
    void maybeCompleteJoinPhase(ClassicGroupContext shard, GroupChange change, long nowMs) {
        if (change.group().isInState(ClassicGroupState.PREPARING_REBALANCE)
                && shard.softState(change.groupId()).allKnownMembersRejoined(change.group())) {
            completeJoinPhase(shard, change, nowMs);
        }
    }

    /**
     * Ends the join phase: members that did not rejoin are removed, the generation goes up, and
     * once that is durable every parked JoinGroup gets the new generation (the leader with the
     * members' metadata). Members then have the rebalance timeout to send SyncGroup.
     */
    void completeJoinPhase(ClassicGroupContext shard, GroupChange change, long nowMs) {
        String groupId = change.groupId();
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.softState(groupId);
        shard.timer().cancel(new GroupTimerKey.JoinPhase(groupId));
        for (ClassicGroupMember member : List.copyOf(change.group().members())) {
            if (!soft.awaitingJoin().contains(member.memberId())) {
                removeMember(shard, change, member.memberId(), ErrorCode.UNKNOWN_MEMBER_ID);
            }
        }
        ClassicGroup next = change.group().withNextGeneration(nowMs);
        change.set(next);
        // The leader first: the others' SyncGroups wait for its assignment, so it should start computing it first.
        Map<String, CompletableFuture<JoinGroupResult>> parkedJoins = soft.awaitingJoin().takeAll();
        CompletableFuture<JoinGroupResult> leaderJoin = parkedJoins.remove(next.leaderId());
        if (leaderJoin != null) {
            String leaderId = next.leaderId();
            change.respond(leaderJoin, joinResult(next, leaderId, false), error -> JoinGroupResult.failed(error, leaderId));
        }
        for (Map.Entry<String, CompletableFuture<JoinGroupResult>> parked : parkedJoins.entrySet()) {
            String memberId = parked.getKey();
            change.respond(parked.getValue(), joinResult(next, memberId, false), error -> JoinGroupResult.failed(error, memberId));
        }
        if (next.hasNoMembers()) {
            return;
        }
        for (ClassicGroupMember member : next.members()) {
            soft.pendingSyncMemberIds().add(member.memberId());
            scheduleSession(shard, groupId, member);
        }
        scheduleSyncPhase(shard, groupId, maxRebalanceTimeoutMs(next));
    }

    /** Removes a member; its parked responses get {@code parkedError}. */
    void removeMember(ClassicGroupContext shard, GroupChange change, String memberId, ErrorCode parkedError) {
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.softState(change.groupId());
        CompletableFuture<JoinGroupResult> join = soft.awaitingJoin().take(memberId);
        if (join != null) {
            join.complete(JoinGroupResult.failed(parkedError, memberId));
        }
        CompletableFuture<SyncGroupResult> sync = soft.awaitingSync().take(memberId);
        if (sync != null) {
            sync.complete(SyncGroupResult.failed(parkedError));
        }
        soft.pendingSyncMemberIds().remove(memberId);
        shard.timer().cancel(new GroupTimerKey.MemberSession(change.groupId(), memberId));
        change.set(change.group().withoutMember(memberId));
    }

    /**
     * After members left (LeaveGroup, session or sync expiry): a settled group rebalances; a
     * rebalancing one in which every remaining member has rejoined completes its join phase now.
     */
    void onMembersRemoved(ClassicGroupContext shard, GroupChange change, long nowMs) {
        ClassicGroup group = change.group();
        if (group.isInState(ClassicGroupState.STABLE) || group.isInState(ClassicGroupState.COMPLETING_REBALANCE)) {
            prepareRebalance(shard, change, nowMs);
            maybeCompleteJoinPhase(shard, change, nowMs);
        } else {
            completeJoinPhaseIfAllJoined(shard, change, nowMs);
        }
    }

    /**
     * After a removal from a group in its join phase: when every remaining member (none, when the
     * last one left) has rejoined and no MEMBER_ID_REQUIRED id is outstanding, the phase ends now,
     * even during the initial rebalance delay, as Kafka's {@code removeMemberAndUpdateClassicGroup}
     * does. So the group of consumers that all closed is Empty at once (DeleteGroups succeeds),
     * rather than PreparingRebalance until group.initial.rebalance.delay.ms runs out.
     */
    private void completeJoinPhaseIfAllJoined(ClassicGroupContext shard, GroupChange change, long nowMs) {
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.softState(change.groupId());
        if (change.group().isInState(ClassicGroupState.PREPARING_REBALANCE) && soft.allMembersJoined(change.group())) {
            soft.endInitialDelay();
            completeJoinPhase(shard, change, nowMs);
        }
    }

    /** @return the JoinGroup answer for {@code memberId} in the group's current generation */
    static JoinGroupResult joinResult(ClassicGroup group, String memberId, boolean skipAssignment) {
        List<JoinGroupResult.Member> members = new ArrayList<>();
        if (group.isLeader(memberId)) {
            for (ClassicGroupMember member : group.members()) {
                members.add(new JoinGroupResult.Member(member.memberId(), member.groupInstanceId(),
                        member.metadata(group.protocolName())));
            }
        }
        return new JoinGroupResult(ErrorCode.NONE, group.generationId(), group.protocolType(), group.protocolName(),
                group.leaderId(), memberId, skipAssignment, members);
    }

    private static void answerParkedSyncs(ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft, ErrorCode error) {
        // An error answer is safe before the change is durable: the client just rejoins.
        for (CompletableFuture<SyncGroupResult> parked : soft.awaitingSync().takeAll().values()) {
            parked.complete(SyncGroupResult.failed(error));
        }
    }

    private static long maxRebalanceTimeoutMs(ClassicGroup group) {
        long max = 0;
        for (ClassicGroupMember member : group.members()) {
            max = Math.max(max, member.rebalanceTimeoutMs());
        }
        return max;
    }

    private void scheduleJoinPhase(ClassicGroupContext shard, String groupId, long delayMs) {
        shard.timer().schedule(new GroupTimerKey.JoinPhase(groupId), delayMs, nowMs -> {
            ClassicGroup group = shard.groups().group(groupId);
            if (group == null || !group.isInState(ClassicGroupState.PREPARING_REBALANCE)) {
                return CoordinatorResult.empty();
            }
            GroupChange change = new GroupChange(group);
            completeJoinPhase(shard, change, nowMs);
            return change.result(null);
        });
    }

    private void scheduleInitialDelay(ClassicGroupContext shard, String groupId, long delayMs) {
        shard.timer().schedule(new GroupTimerKey.JoinPhase(groupId), delayMs, nowMs -> {
            ClassicGroup group = shard.groups().group(groupId);
            if (group == null || !group.isInState(ClassicGroupState.PREPARING_REBALANCE)) {
                return CoordinatorResult.empty();
            }
            long extensionMs = shard.softState(groupId).nextInitialDelayExtensionMs(config.groupInitialRebalanceDelayMs());
            if (extensionMs > 0) {
                scheduleInitialDelay(shard, groupId, extensionMs);
                return CoordinatorResult.empty();
            }
            GroupChange change = new GroupChange(group);
            maybeCompleteJoinPhase(shard, change, nowMs);
            if (change.group().isInState(ClassicGroupState.PREPARING_REBALANCE)) {
                scheduleJoinPhase(shard, groupId, maxRebalanceTimeoutMs(group)); // still waiting for pending members
            }
            return change.result(null);
        });
    }

    private void scheduleSyncPhase(ClassicGroupContext shard, String groupId, long delayMs) {
        shard.timer().schedule(new GroupTimerKey.SyncPhase(groupId), delayMs, nowMs -> {
            ClassicGroup group = shard.groups().group(groupId);
            ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.softState(groupId);
            if (group == null || soft.pendingSyncMemberIds().isEmpty()
                    || !(group.isInState(ClassicGroupState.COMPLETING_REBALANCE) || group.isInState(ClassicGroupState.STABLE))) {
                return CoordinatorResult.empty();
            }
            GroupChange change = new GroupChange(group);
            for (String memberId : List.copyOf(soft.pendingSyncMemberIds())) {
                removeMember(shard, change, memberId, ErrorCode.UNKNOWN_MEMBER_ID);
            }
            onMembersRemoved(shard, change, nowMs);
            return change.result(null);
        });
    }

    private CoordinatorResult<Void> onSessionExpired(ClassicGroupContext shard, String groupId, String memberId, long nowMs) {
        ClassicGroup group = shard.groups().group(groupId);
        if (group == null || !group.hasMember(memberId)) {
            return CoordinatorResult.empty();
        }
        ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> soft = shard.softState(groupId);
        if (soft.awaitingJoin().contains(memberId) || soft.awaitingSync().contains(memberId)) {
            scheduleSession(shard, groupId, group.member(memberId)); // a parked member is alive
            return CoordinatorResult.empty();
        }
        GroupChange change = new GroupChange(group);
        removeMember(shard, change, memberId, ErrorCode.UNKNOWN_MEMBER_ID);
        onMembersRemoved(shard, change, nowMs);
        return change.result(null);
    }

    /** A member id handed out with MEMBER_ID_REQUIRED that was never used expires. */
    void schedulePendingMember(ClassicGroupContext shard, String groupId, String memberId, long timeoutMs) {
        shard.timer().schedule(new GroupTimerKey.PendingMemberJoin(groupId, memberId), timeoutMs, nowMs -> {
            shard.softState(groupId).removePendingMember(memberId);
            ClassicGroup group = shard.groups().group(groupId);
            if (group == null) {
                shard.forgetIdleSoftState(groupId);
                return CoordinatorResult.empty();
            }
            GroupChange change = new GroupChange(group);
            completeJoinPhaseIfAllJoined(shard, change, nowMs);
            return change.result(null);
        });
    }
}
