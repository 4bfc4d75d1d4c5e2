package io.samsa.coordinator.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.MemberProtocol;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** JoinGroup, SyncGroup, Heartbeat and LeaveGroup driven end to end with a manual clock. */
class ClassicGroupFlowTest extends ClassicGroupTestSupport {

    @Test
    void aFirstJoinNeedsAMemberIdFromV4ThenLeadsTheFirstGeneration() {
        JoinGroupResult required = send(ctx.service.joinGroup(joinRequest("", null, (short) 4, "range"))).join();
        assertEquals(ErrorCode.MEMBER_ID_REQUIRED, required.error());
        assertTrue(required.memberId().startsWith("client-"));
        assertNull(group(), "nothing is written for a pending member");
        assertTrue(ctx.shard(0).existingSoftState(G).isPendingMember(required.memberId()));

        CompletableFuture<JoinGroupResult> joined = send(ctx.service.joinGroup(joinRequest(required.memberId(), null, (short) 4, "range")));
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, group().state());
        ctx.sleep(INITIAL_DELAY_MS - 1);
        assertFalse(joined.isDone(), "a new group waits group.initial.rebalance.delay.ms");
        ctx.sleep(1);
        JoinGroupResult result = joined.join();
        assertEquals(ErrorCode.NONE, result.error());
        assertEquals(1, result.generationId());
        assertEquals("range", result.protocolName());
        assertEquals(result.memberId(), result.leaderId());
        assertEquals(List.of(new JoinGroupResult.Member(result.memberId(), null, ByteString.copyFromUtf8("sub-range"))), result.members());
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, group().state());
        assertEquals(ErrorCode.NONE, heartbeat(result.memberId(), 1));
    }

    @Test
    void anUnusedMemberIdOfANewGroupLeavesNothingBehind() {
        JoinGroupResult required = send(ctx.service.joinGroup(joinRequest("", null, (short) 4, "range"))).join();
        assertEquals(ErrorCode.MEMBER_ID_REQUIRED, required.error());
        ctx.sleep(SESSION_MS);
        assertNull(ctx.shard(0).existingSoftState(G));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID,
                send(ctx.service.joinGroup(joinRequest(required.memberId(), null, (short) 4, "range"))).join().error());
    }

    @Test
    void twoMembersRebalanceAndSyncTheirAssignments() {
        String[] ids = stableGroupOfTwo();
        assertEquals(ids[0], group().leaderId());
        assertEquals(ErrorCode.NONE, heartbeat(ids[1], 1));
        assertEquals(ErrorCode.ILLEGAL_GENERATION, heartbeat(ids[1], 0));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, heartbeat("stranger", 1));
        assertEquals(ByteString.copyFromUtf8("p1"), sync(ids[1], 1, Map.of()).join().assignment(), "Stable: the stored assignment");
    }

    @Test
    void aFollowerWithUnchangedMetadataGetsTheCurrentGenerationBack() {
        String[] ids = stableGroupOfTwo();
        JoinGroupResult again = join(ids[1]).join();
        assertEquals(1, again.generationId());
        assertEquals(ids[0], again.leaderId());
        assertEquals(List.of(), again.members());
        assertEquals(ClassicGroupState.STABLE, group().state());
    }

    @Test
    void theLeaderRejoiningStartsARebalanceThatEndsWhenAllRejoined() {
        String[] ids = stableGroupOfTwo();
        CompletableFuture<JoinGroupResult> leader = join(ids[0]);
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, group().state());
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, heartbeat(ids[1], 1));
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, sync(ids[1], 1, Map.of()).join().error());
        assertFalse(leader.isDone());

        JoinGroupResult follower = join(ids[1]).join();
        assertEquals(2, follower.generationId());
        assertEquals(2, leader.join().members().size());
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, group().state());
    }

    @Test
    void theLeaderIsAnsweredFirstWhenTheJoinPhaseEnds() {
        String[] ids = stableGroupOfTwo();
        List<String> answered = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<JoinGroupResult> follower = join(ids[1], "range", "roundrobin"); // parked first
        follower.whenComplete((result, error) -> answered.add("follower"));
        CompletableFuture<JoinGroupResult> leader = ctx.service.joinGroup(joinRequest(ids[0], null, (short) 3, "range", "roundrobin"));
        leader.whenComplete((result, error) -> answered.add("leader"));
        send(leader).join();
        follower.join();
        assertEquals(List.of("leader", "follower"), answered, "the others' SyncGroups wait for the leader's assignment");
    }

    @Test
    void changedMetadataStartsARebalanceAndAnAbsentMemberIsDroppedAtTheDeadline() {
        String[] ids = stableGroupOfTwo();
        CompletableFuture<JoinGroupResult> follower = join(ids[1], "range", "roundrobin");
        assertFalse(follower.isDone());
        for (int i = 0; i < 5; i++) {
            ctx.sleep(REBALANCE_MS / 6);
            assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, heartbeat(ids[0], 1), "alive, told to rejoin");
        }
        assertFalse(follower.isDone(), "the leader has the rebalance timeout to rejoin");
        ctx.sleep(REBALANCE_MS / 6);
        JoinGroupResult result = follower.join();
        assertEquals(2, result.generationId());
        assertEquals(ids[1], result.leaderId(), "the only member left leads");
        assertFalse(group().hasMember(ids[0]));
    }

    @Test
    void aMemberThatStopsHeartbeatingIsRemovedAndTheOthersRebalance() {
        String[] ids = stableGroupOfTwo();
        ctx.sleep(SESSION_MS / 2);
        assertEquals(ErrorCode.NONE, heartbeat(ids[0], 1));
        ctx.sleep(SESSION_MS / 2);
        assertFalse(group().hasMember(ids[1]), "its session expired");
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, group().state());
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, heartbeat(ids[0], 1));
        JoinGroupResult rejoined = join(ids[0]).join();
        assertEquals(2, rejoined.generationId());
        assertEquals(1, rejoined.members().size());
    }

    @Test
    void anOffsetCommitKeepsAMemberAliveLikeAHeartbeat() {
        String[] ids = stableGroupOfTwo();
        for (int i = 0; i < 3; i++) {
            ctx.sleep(SESSION_MS / 2);
            heartbeat(ids[0], 1);
            io.samsa.coordinator.offsets.OffsetCommitResponse committed = ctx.await(ctx.service.commitOffsets(
                    new io.samsa.coordinator.offsets.OffsetCommitRequest(G, ids[1], 1, null, -1, (short) 8,
                            List.of(new io.samsa.coordinator.offsets.OffsetCommitRequest.PartitionCommit("t", 0, i, -1, "")))));
            assertEquals(ErrorCode.NONE, committed.partitions().get(0).error());
        }
        assertTrue(group().hasMember(ids[1]), "commits restarted its session");
        assertEquals(ClassicGroupState.STABLE, group().state());
    }

    @Test
    void leavingRemovesMembersAndReportsEachOne() {
        String[] ids = stableGroupOfTwo();
        LeaveGroupResult left = ctx.await(ctx.service.leaveGroup(new LeaveGroupRequest(G, List.of(
                new LeaveGroupRequest.LeavingMember(ids[1], null), new LeaveGroupRequest.LeavingMember("ghost", null)))));
        assertEquals(ErrorCode.NONE, left.error());
        assertEquals(List.of(ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID),
                left.members().stream().map(LeaveGroupResult.MemberResult::error).toList());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, group().state());

        ctx.await(ctx.service.leaveGroup(new LeaveGroupRequest(G, List.of(new LeaveGroupRequest.LeavingMember(ids[0], null)))));
        assertEquals(ClassicGroupState.EMPTY, group().state(), "the last member left: the join phase ends with nobody");
        assertEquals(2, group().generationId());
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID,
                ctx.await(ctx.service.leaveGroup(new LeaveGroupRequest("nope", List.of()))).error());
    }

    @Test
    void aMemberThatNeverSyncsIsRemovedAfterTheRebalanceTimeout() {
        CompletableFuture<JoinGroupResult> a = join("");
        CompletableFuture<JoinGroupResult> b = join("");
        ctx.sleep(INITIAL_DELAY_MS);
        ctx.sleep(INITIAL_DELAY_MS);
        String leader = a.join().memberId();
        String follower = b.join().memberId();
        sync(leader, 1, Map.of(leader, ByteString.copyFromUtf8("all")));
        assertEquals(ClassicGroupState.STABLE, group().state());
        for (int i = 0; i < 5; i++) { // both alive; the follower never syncs
            ctx.sleep(REBALANCE_MS / 6);
            assertEquals(ErrorCode.NONE, heartbeat(leader, 1));
            assertEquals(ErrorCode.NONE, heartbeat(follower, 1));
        }
        assertTrue(group().hasMember(follower));
        ctx.sleep(REBALANCE_MS / 6);
        assertFalse(group().hasMember(follower));
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, group().state());
    }

    @Test
    void anUnusedPendingMemberIdExpiresAndNoLongerHoldsTheJoinPhase() {
        String[] ids = stableGroupOfTwo();
        JoinGroupResult required = send(ctx.service.joinGroup(joinRequest("", null, (short) 4, "range"))).join();
        assertEquals(ErrorCode.MEMBER_ID_REQUIRED, required.error());
        CompletableFuture<JoinGroupResult> leader = join(ids[0]);
        CompletableFuture<JoinGroupResult> follower = join(ids[1]);
        assertFalse(leader.isDone(), "the pending member may still join");
        ctx.sleep(SESSION_MS);
        assertEquals(2, leader.join().generationId());
        assertEquals(2, leader.join().members().size());
        assertEquals(2, follower.join().generationId());
        assertEquals(2, group().size());
    }

    @Test
    void joinRejectsBadSessionTimeoutsUnknownMembersWrongProtocolsAndFullGroups() {
        JoinGroupRequest tooShort = new JoinGroupRequest(G, "", null, "consumer",
                List.of(new MemberProtocol("range", ByteString.EMPTY)), 1_000, REBALANCE_MS, "c", "h", (short) 5);
        assertEquals(ErrorCode.INVALID_SESSION_TIMEOUT, send(ctx.service.joinGroup(tooShort)).join().error());
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, join("made-up").join().error());

        stableGroupOfTwo();
        JoinGroupRequest connect = new JoinGroupRequest(G, "", null, "connect",
                List.of(new MemberProtocol("range", ByteString.EMPTY)), SESSION_MS, REBALANCE_MS, "c", "h", (short) 3);
        assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, send(ctx.service.joinGroup(connect)).join().error());
        assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, join("", "sticky").join().error());

        join(""); // the third member: group.max.size is 3
        assertEquals(ErrorCode.GROUP_MAX_SIZE_REACHED, join("").join().error());
        assertEquals(ErrorCode.INVALID_GROUP_ID, ctx.await(ctx.service.joinGroup(
                new JoinGroupRequest("", "", null, "consumer", List.of(), SESSION_MS, REBALANCE_MS, "c", "h", (short) 5))).error());
    }

    @Test
    void syncChecksGenerationAndProtocol() {
        String[] ids = stableGroupOfTwo();
        assertEquals(ErrorCode.ILLEGAL_GENERATION, sync(ids[0], 7, Map.of()).join().error());
        assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, send(ctx.service.syncGroup(
                new SyncGroupRequest(G, ids[0], null, 1, "consumer", "roundrobin", Map.of()))).join().error());
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, send(ctx.service.syncGroup(
                new SyncGroupRequest("other", ids[0], null, 1, null, null, Map.of()))).join().error());
    }

    @Test
    void aFailedAssignmentWriteAnswersEverySyncWithTheErrorAndReverts() {
        CompletableFuture<JoinGroupResult> a = join("");
        CompletableFuture<JoinGroupResult> b = join("");
        ctx.sleep(INITIAL_DELAY_MS);
        ctx.sleep(INITIAL_DELAY_MS); // b joined during the first delay, which extends it once
        JoinGroupResult leader = a.join();
        JoinGroupResult follower = b.join();
        CompletableFuture<SyncGroupResult> followerSync = sync(follower.memberId(), 1, Map.of());
        ctx.log.failNextAppend(new IllegalStateException("disk"));
        SyncGroupResult leaderSync = sync(leader.memberId(), 1, Map.of(
                leader.memberId(), ByteString.copyFromUtf8("p0"), follower.memberId(), ByteString.copyFromUtf8("p1"))).join();
        assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, leaderSync.error());
        assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, followerSync.join().error());
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, group().state(), "reverted");
        assertEquals(ByteString.EMPTY, group().member(follower.memberId()).assignment());
    }

    @Test
    void onlySettledGenerationsAreWrittenSoARestartMidRebalanceReturnsToTheLastOne() {
        String[] ids = stableGroupOfTwo();
        ClassicGroup settled = group();
        assertEquals(1, ctx.log.records(0).size(), "one record: the Stable generation; the join phase is in memory");

        CompletableFuture<JoinGroupResult> leader = join(ids[0]);
        CompletableFuture<JoinGroupResult> follower = join(ids[1]);
        assertEquals(2, leader.join().generationId(), "answered without a write");
        assertEquals(2, follower.join().generationId());
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, group().state());
        assertEquals(1, ctx.log.records(0).size());

        try (GroupCoordinatorTestContext restarted = new GroupCoordinatorTestContext(ctx.config)) {
            restarted.log.seed(0, ctx.log.records(0));
            restarted.load(0);
            assertEquals(settled, restarted.shard(0).groups().group(G));
        }

        sync(ids[1], 2, Map.of());
        sync(ids[0], 2, Map.of(ids[0], ByteString.copyFromUtf8("q0"), ids[1], ByteString.copyFromUtf8("q1"))).join();
        assertEquals(2, ctx.log.records(0).size(), "the new Stable generation is written");
    }

    /** Two members joined generation 1 and only the leader synced: returns {leaderId, followerId}. */
    private String[] generationOneWithTheFollowerStillToSync() {
        CompletableFuture<JoinGroupResult> a = join("");
        CompletableFuture<JoinGroupResult> b = join("");
        ctx.sleep(INITIAL_DELAY_MS);
        ctx.sleep(INITIAL_DELAY_MS);
        String leader = a.join().memberId();
        String follower = b.join().memberId();
        sync(leader, 1, Map.of(leader, ByteString.copyFromUtf8("p0"), follower, ByteString.copyFromUtf8("p1"))).join();
        assertEquals(ClassicGroupState.STABLE, group().state());
        return new String[] {leader, follower};
    }

    @Test
    void aRebalanceAskedForBeforeEveryMemberSyncedWaitsSoTheyGetThisGenerationsAssignment() {
        String[] ids = generationOneWithTheFollowerStillToSync();
        CompletableFuture<JoinGroupResult> leaderRejoin = join(ids[0]);
        assertEquals(ClassicGroupState.STABLE, group().state(), "held: the follower has not synced yet");
        assertFalse(leaderRejoin.isDone());
        assertEquals(ErrorCode.NONE, heartbeat(ids[1], 1));

        assertEquals(ByteString.copyFromUtf8("p1"), sync(ids[1], 1, Map.of()).join().assignment(),
                "the follower gets generation 1's assignment, not REBALANCE_IN_PROGRESS");
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, group().state(), "then the held rebalance starts");
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, heartbeat(ids[1], 1));
        assertEquals(2, join(ids[1]).join().generationId());
        assertEquals(2, leaderRejoin.join().generationId());
    }

    @Test
    void aHeldRebalanceStartsWhenTheSyncGracePassesWithoutTheSync() {
        String[] ids = generationOneWithTheFollowerStillToSync();
        CompletableFuture<JoinGroupResult> leaderRejoin = join(ids[0]);
        ctx.sleep(ctx.config.groupSyncGraceMs() - 1);
        assertEquals(ClassicGroupState.STABLE, group().state());
        ctx.sleep(1);
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, group().state());
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, sync(ids[1], 1, Map.of()).join().error());
        assertEquals(2, join(ids[1]).join().generationId());
        assertEquals(2, leaderRejoin.join().generationId());
    }

    @Test
    void aLeaveDuringAHeldRebalanceStartsItAtOnce() {
        String[] ids = generationOneWithTheFollowerStillToSync();
        CompletableFuture<JoinGroupResult> leaderRejoin = join(ids[0]);
        send(ctx.service.leaveGroup(new LeaveGroupRequest(G, List.of(new LeaveGroupRequest.LeavingMember(ids[1], null))))).join();
        JoinGroupResult alone = leaderRejoin.join();
        assertEquals(2, alone.generationId(), "the only member left rejoined, so the join phase ended");
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, group().state());
        assertFalse(ctx.shard(0).softState(G).isRebalanceHeld());
    }
}
