package io.samsa.coordinator.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.classic.JoinGroupResult;
import io.samsa.coordinator.classic.SyncGroupRequest;
import io.samsa.coordinator.classic.SyncGroupResult;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupMember;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.group.MemberProtocol;
import io.samsa.coordinator.offsets.OffsetCommitRequest;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * KIP-848's online migration on a manual clock: a classic group upgraded by a consumer-protocol
 * member, its classic members reconciling through JoinGroup/SyncGroup/Heartbeat (a revocation
 * signalled with REBALANCE_IN_PROGRESS), the downgrade when the consumer-protocol member leaves,
 * each migration policy, and the log replaying to the same state after every step.
 */
class OnlineMigrationTest extends OnlineMigrationTestSupport {

    /** A classic group of generation 3 (c1: t-0..2, c2: t-3..5) upgraded by consumer member k. */
    private GroupCoordinatorTestContext upgraded() {
        t = topics.create("t", 6);
        GroupCoordinatorTestContext ctx = migrationContext(Map.of());
        seedClassicGroup(ctx, 3, Map.of("c1", List.of(0, 1, 2), "c2", List.of(3, 4, 5)));
        ConsumerGroupHeartbeatResponse joined = ok(ctx, join("k", List.of("t")));
        assertEquals(4, joined.memberEpoch());
        assertEquals(Assignment.EMPTY, joined.assignment(), "every partition is still owned by a classic member");
        return ctx;
    }

    @Test
    void aConsumerProtocolJoinUpgradesTheClassicGroupKeepingItsAssignment() {
        try (GroupCoordinatorTestContext ctx = upgraded()) {
            assertNull(classicGroup(ctx), "the classic group is replaced");
            ConsumerGroup group = group(ctx);
            assertEquals(4, group.groupEpoch(), "the generation, bumped by the join");
            assertEquals(4, group.targetAssignmentEpoch());
            ConsumerGroupMember c1 = group.member("c1");
            assertTrue(c1.usesClassicProtocol());
            assertEquals(CLASSIC_SESSION_MS, c1.classic().sessionTimeoutMs());
            assertEquals(List.of(PROTOCOL), c1.classic().protocolNames());
            assertEquals(3, c1.memberEpoch(), "classic members keep the generation until they rejoin");
            assertEquals(of(0, 1, 2), c1.assigned());
            assertEquals(of(3, 4, 5), group.member("c2").assigned());
            assertEquals(List.of("t"), c1.subscribedTopicNames());
            ConsumerGroupMember k = group.member("k");
            assertEquals(MemberState.UNRELEASED_PARTITIONS, k.state());
            assertEquals(2, group.targetAssignment("k").size());
            assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, classicHeartbeat(ctx, "c1", 3), "c1 must rejoin for the new target");
            assertEquals(ErrorCode.ILLEGAL_GENERATION, classicHeartbeat(ctx, "c1", 2));
            assertReplayGivesSameState(ctx);
        }
    }

    @Test
    void classicMembersRevokeThroughRejoinsUntilEveryoneOwnsItsTarget() {
        try (GroupCoordinatorTestContext ctx = upgraded()) {
            for (String classic : List.of("c1", "c2")) {
                List<Integer> owned = partitionsOf(group(ctx).member(classic).assigned());
                JoinGroupResult revoking = classicJoinNow(ctx, classic, owned, 3);
                assertEquals(ErrorCode.NONE, revoking.error());
                assertEquals(3, revoking.generationId(), "revoking first: the epoch waits");
                assertEquals("", revoking.leaderId(), "the coordinator assigns; no member leads");
                assertEquals(MemberState.UNREVOKED_PARTITIONS, member(ctx, classic).state());
                SyncGroupResult kept = classicSync(ctx, classic, 3);
                assertEquals(ErrorCode.NONE, kept.error());
                List<Integer> keptPartitions = partitionsOf(kept.assignment());
                assertEquals(2, keptPartitions.size(), "the revoked partition is left out");
                assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, classicHeartbeat(ctx, classic, 3), "a revocation asks for a rejoin");
                JoinGroupResult caughtUp = classicJoinNow(ctx, classic, keptPartitions, 3);
                assertEquals(4, caughtUp.generationId());
                assertEquals(keptPartitions, partitionsOf(classicSync(ctx, classic, 4).assignment()));
                assertEquals(ErrorCode.NONE, classicHeartbeat(ctx, classic, 4));
                assertReplayGivesSameState(ctx);
            }
            Map<String, Assignment> owned = settle(ctx, new HashMap<>(Map.of("k", Assignment.EMPTY)));
            assertEquals(2, owned.get("k").size());
            TreeSet<Integer> all = new TreeSet<>(partitionsOf(owned.get("k")));
            all.addAll(partitionsOf(member(ctx, "c1").assigned()));
            all.addAll(partitionsOf(member(ctx, "c2").assigned()));
            assertEquals(new TreeSet<>(List.of(0, 1, 2, 3, 4, 5)), all, "every partition owned once");
            assertEquals(ConsumerGroupState.STABLE, group(ctx).state());
            assertEquals(ErrorCode.NONE, commit(ctx, "c1", 4), "a classic member commits with its generation");
            assertEquals(ErrorCode.ILLEGAL_GENERATION, commit(ctx, "c1", 3));
            assertReplayGivesSameState(ctx);
        }
    }

    @Test
    void theLastConsumerProtocolMemberLeavingDowngradesTheGroupWhichRebalances() {
        try (GroupCoordinatorTestContext ctx = upgraded()) {
            int epoch = group(ctx).groupEpoch();
            ok(ctx, request("k", ConsumerGroupMember.LEAVE_GROUP_MEMBER_EPOCH, null, null, null, null));
            assertNull(group(ctx), "the consumer group is replaced");
            ClassicGroup classic = classicGroup(ctx);
            assertNotNull(classic);
            assertEquals(ClassicGroupState.PREPARING_REBALANCE, classic.state());
            assertEquals(epoch, classic.generationId());
            assertEquals(PROTOCOL, classic.protocolName());
            assertEquals(List.of(0, 1, 2), partitionsOf(classic.member("c1").assignment()), "what c1 owns now");
            assertEquals(CLASSIC_SESSION_MS, classic.member("c2").sessionTimeoutMs());
            assertReplayGivesSameState(ctx);

            CompletableFuture<JoinGroupResult> c1 = classicJoin(ctx, "c1", List.of(0, 1, 2), epoch);
            assertTrue(!c1.isDone(), "a classic group parks the join until every member rejoined");
            JoinGroupResult c2 = classicJoin(ctx, "c2", List.of(3, 4, 5), epoch).join();
            assertEquals(ErrorCode.NONE, c2.error());
            assertEquals(epoch + 1, c2.generationId());
            String leader = c2.leaderId();
            assertEquals(epoch + 1, c1.join().generationId());
            CompletableFuture<SyncGroupResult> leaderSync = ctx.service.syncGroup(new SyncGroupRequest(
                    GROUP, leader, null, epoch + 1, "consumer", PROTOCOL,
                    Map.of("c1", assignment(List.of(0, 1, 2)), "c2", assignment(List.of(3, 4, 5)))));
            ctx.executor.runAll();
            assertEquals(ErrorCode.NONE, GroupCoordinatorTestContext.nonBlocking(leaderSync).join().error());
            assertEquals(ClassicGroupState.STABLE, classicGroup(ctx).state());
            assertReplayGivesSameState(ctx);
        }
    }

    @Test
    void policiesWithoutUpgradeRefuseTheConsumerProtocolJoin() {
        t = topics.create("t", 6);
        for (String policy : List.of("disabled", "downgrade")) {
            try (GroupCoordinatorTestContext ctx = migrationContext(Map.of(ConsumerGroupConfig.MIGRATION_POLICY, policy))) {
                seedClassicGroup(ctx, 3, Map.of("c1", List.of(0, 1, 2)));
                ConsumerGroupHeartbeatResponse refused = heartbeat(ctx, join("k", List.of("t")));
                assertEquals(ErrorCode.GROUP_ID_NOT_FOUND, refused.error(), policy);
                assertNotNull(classicGroup(ctx), "the classic group stays");
                assertNull(group(ctx));
            }
        }
    }

    @Test
    void aClassicGroupAsLargeAsTheConsumerGroupLimitIsNotUpgraded() {
        t = topics.create("t", 6);
        try (GroupCoordinatorTestContext ctx = migrationContext(Map.of(ConsumerGroupConfig.MAX_SIZE, "2"))) {
            seedClassicGroup(ctx, 3, Map.of("c1", List.of(0, 1, 2), "c2", List.of(3, 4, 5)));
            assertEquals(ErrorCode.GROUP_ID_NOT_FOUND, heartbeat(ctx, join("k", List.of("t"))).error());
            assertNotNull(classicGroup(ctx));
        }
    }

    @Test
    void theUpgradeOnlyPolicyKeepsAConsumerGroupOfClassicMembers() {
        t = topics.create("t", 6);
        try (GroupCoordinatorTestContext ctx = migrationContext(Map.of(ConsumerGroupConfig.MIGRATION_POLICY, "upgrade"))) {
            seedClassicGroup(ctx, 3, Map.of("c1", List.of(0, 1, 2), "c2", List.of(3, 4, 5)));
            ok(ctx, join("k", List.of("t")));
            ok(ctx, request("k", ConsumerGroupMember.LEAVE_GROUP_MEMBER_EPOCH, null, null, null, null));
            assertNull(classicGroup(ctx));
            assertEquals(List.of("c1", "c2"), new ArrayList<>(MemberUpdater.membersOf(group(ctx)).keySet()));
            assertEquals(5, group(ctx).groupEpoch(), "the leave bumped the epoch");
            assertReplayGivesSameState(ctx);
        }
    }

    @Test
    void aNewClassicMemberJoinsSyncsAndLeavesAConsumerGroup() {
        t = topics.create("t", 6);
        try (GroupCoordinatorTestContext ctx = migrationContext(Map.of())) {
            assertEquals(6, ok(ctx, join("k", List.of("t"))).assignment().size());
            JoinGroupResult required = classicJoinNow(ctx, "", List.of(), -1);
            assertEquals(ErrorCode.MEMBER_ID_REQUIRED, required.error());
            String id = required.memberId();
            JoinGroupResult joined = classicJoinNow(ctx, id, List.of(), -1);
            assertEquals(ErrorCode.NONE, joined.error());
            assertEquals(2, joined.generationId());
            assertEquals(ErrorCode.ILLEGAL_GENERATION, classicSync(ctx, id, 1).error());
            SyncGroupResult sync = classicSync(ctx, id, 2);
            assertEquals(ErrorCode.NONE, sync.error());
            assertTrue(partitionsOf(sync.assignment()).isEmpty(), "k still owns the whole topic");
            assertEquals(ErrorCode.NONE, classicHeartbeat(ctx, id, 2), "its partitions are not released yet");
            assertEquals(3, beatAcking(ctx, "k").assignment().size(), "k revokes half");
            assertEquals(2, beatAcking(ctx, "k").memberEpoch());
            assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, classicHeartbeat(ctx, id, 2), "released partitions: rejoin for them");
            assertEquals(2, classicJoinNow(ctx, id, List.of(), 2).generationId());
            assertEquals(3, partitionsOf(classicSync(ctx, id, 2).assignment()).size());
            assertEquals(ErrorCode.NONE, classicHeartbeat(ctx, id, 2));
            assertEquals(ConsumerGroupState.STABLE, group(ctx).state());
            assertReplayGivesSameState(ctx);
            assertEquals(ErrorCode.NONE, classicLeave(ctx, id).members().get(0).error());
            assertNull(member(ctx, id));
            assertEquals(3, group(ctx).groupEpoch(), "the leave bumped the epoch");
            assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, classicLeave(ctx, id).members().get(0).error());
            assertReplayGivesSameState(ctx);
        }
    }

    @Test
    void aClassicMemberThatNeverSyncsOrHeartbeatsIsRemoved() {
        t = topics.create("t", 6);
        try (GroupCoordinatorTestContext ctx = migrationContext(Map.of())) {
            ok(ctx, join("k", List.of("t")));
            classicJoinNow(ctx, "c", List.of(), -1);
            ctx.sleep(REBALANCE_TIMEOUT_MS);
            assertNull(member(ctx, "c"), "no SyncGroup within the rebalance timeout");
            beatAcking(ctx, "k");
            classicJoinNow(ctx, "d", List.of(), -1);
            assertEquals(ErrorCode.NONE, classicSync(ctx, "d", member(ctx, "d").memberEpoch()).error());
            beatAcking(ctx, "k");
            beatAcking(ctx, "k");
            ctx.sleep(CLASSIC_SESSION_MS - 1000);
            beatAcking(ctx, "k");
            assertNotNull(member(ctx, "d"));
            ctx.sleep(1000);
            assertNull(member(ctx, "d"), "no heartbeat within its own session timeout");
            assertNotNull(member(ctx, "k"));
        }
    }

    @Test
    void aJoinRefusedAfterTheUpgradeWasPreparedLeavesTheClassicGroupAsItWas() {
        t = topics.create("t", 6);
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext(config(Map.of()), topics)) {
            long now = ctx.time.milliseconds();
            ClassicGroup classic = new ClassicGroup(GROUP, ClassicGroupState.STABLE, now, "consumer", 3, PROTOCOL, "c1",
                    List.of(new ClassicGroupMember("c1", "instance-1", "client-c1", "/127.0.0.1",
                            CLASSIC_SESSION_MS, REBALANCE_TIMEOUT_MS, List.of(new MemberProtocol(
                                    PROTOCOL, subscription(List.of(), -1))), assignment(List.of(0, 1, 2)))));
            int partition = ctx.service.partitionFor(GROUP);
            ctx.seed(partition, GroupCoordinatorRecords.newGroupMetadataRecord(classic)).load(partition);
            ConsumerGroupHeartbeatResponse refused = heartbeat(ctx, joinStatic("k", "instance-1", List.of("t")));
            assertEquals(ErrorCode.UNRELEASED_INSTANCE_ID, refused.error(), "the classic member still holds the instance id");
            assertEquals(classic, classicGroup(ctx), "nothing was written");
            assertNull(group(ctx));
            ctx.sleep(CLASSIC_SESSION_MS);
            assertTrue(classicGroup(ctx).hasNoMembers(), "the classic session deadline still ran: c1 expired");
        }
    }

    @Test
    void aClassicJoinReplacesAnEmptyConsumerGroup() {
        t = topics.create("t", 6);
        try (GroupCoordinatorTestContext ctx = migrationContext(Map.of())) {
            ok(ctx, join("k", List.of("t")));
            ok(ctx, request("k", ConsumerGroupMember.LEAVE_GROUP_MEMBER_EPOCH, null, null, null, null));
            assertTrue(group(ctx).isEmpty(), "no classic member remains: the group stays, empty");
            String id = classicJoinNow(ctx, "", List.of(), -1).memberId();
            assertNotNull(group(ctx), "MEMBER_ID_REQUIRED writes nothing");
            CompletableFuture<JoinGroupResult> joined = classicJoin(ctx, id, List.of(), -1);
            ctx.sleep(1);
            assertEquals(ErrorCode.NONE, joined.join().error());
            assertEquals(1, joined.join().generationId());
            assertNull(group(ctx), "the empty consumer group is replaced");
            assertNotNull(classicGroup(ctx).member(id));
            assertEquals(ErrorCode.NONE, classicSync(ctx, id, 1).error(), "the leader's SyncGroup settles the generation");
            assertEquals(ClassicGroupState.STABLE, classicGroup(ctx).state());
            assertReplayGivesSameState(ctx);
        }
    }

    private static ErrorCode commit(GroupCoordinatorTestContext ctx, String memberId, int generation) {
        return ctx.await(ctx.service.commitOffsets(new OffsetCommitRequest(GROUP, memberId, generation, null,
                OffsetCommitRequest.DEFAULT_RETENTION, (short) 8, List.of(new OffsetCommitRequest.PartitionCommit("t", 0, 10L, -1, "")))))
                .partitions().get(0).error();
    }
}
