package io.samsa.coordinator.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.protocol.types.Uuid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The KIP-848 member state machine through the coordinator, on a manual clock. */
class ConsumerGroupHeartbeatTest extends ConsumerGroupTestSupport {

    @Test
    void firstMemberGetsEveryPartitionAtGroupEpochOne() {
        Uuid t = topics.create("t", 6);
        try (GroupCoordinatorTestContext ctx = context()) {
            ConsumerGroupHeartbeatResponse response = ok(ctx, join("a", List.of("t")));
            assertEquals("a", response.memberId());
            assertEquals(1, response.memberEpoch());
            assertEquals(1000, response.heartbeatIntervalMs());
            assertEquals(partitions(t, 0, 1, 2, 3, 4, 5), response.assignment());
            assertEquals(ConsumerGroupState.STABLE, group(ctx).state());
            assertEquals(1, group(ctx).groupEpoch());
            assertEquals(1, group(ctx).targetAssignmentEpoch());
        }
    }

    @Test
    void aJoiningMemberGetsPartitionsOnlyAfterTheirOwnerRevokedThem() {
        Uuid t = topics.create("t", 6);
        try (GroupCoordinatorTestContext ctx = context()) {
            Assignment all = ok(ctx, join("a", List.of("t"))).assignment();

            ConsumerGroupHeartbeatResponse b = ok(ctx, join("b", List.of("t")));
            assertEquals(2, b.memberEpoch(), "b is at the new epoch at once");
            assertEquals(Assignment.EMPTY, b.assignment(), "b waits: a still owns its partitions");
            assertEquals(MemberState.UNRELEASED_PARTITIONS, member(ctx, "b").state());
            assertEquals(ConsumerGroupState.RECONCILING, group(ctx).state());

            ConsumerGroupHeartbeatResponse a = ok(ctx, beat("a", 1, null));
            assertEquals(1, a.memberEpoch(), "a keeps its epoch while revoking");
            assertEquals(3, a.assignment().size());
            assertEquals(MemberState.UNREVOKED_PARTITIONS, member(ctx, "a").state());
            Assignment revoking = member(ctx, "a").pendingRevocation();
            assertEquals(all, a.assignment().union(revoking));

            ConsumerGroupHeartbeatResponse stillB = ok(ctx, beat("b", 2, Assignment.EMPTY));
            assertNull(stillB.assignment(), "nothing is released yet");

            ConsumerGroupHeartbeatResponse acked = ok(ctx, beat("a", 1, a.assignment()));
            assertEquals(2, acked.memberEpoch());
            assertEquals(MemberState.STABLE, member(ctx, "a").state());

            ConsumerGroupHeartbeatResponse released = ok(ctx, beat("b", 2, Assignment.EMPTY));
            assertEquals(revoking, released.assignment());
            assertEquals(ConsumerGroupState.STABLE, group(ctx).state());
        }
    }

    @Test
    void threeMembersShareSixPartitionsAndALeaverPartitionsMove() {
        Uuid t = topics.create("t", 6);
        try (GroupCoordinatorTestContext ctx = context()) {
            Map<String, Assignment> owned = new HashMap<>();
            for (String id : List.of("a", "b", "c")) {
                owned.put(id, ok(ctx, join(id, List.of("t"))).assignment());
                owned = new HashMap<>(settle(ctx, owned));
            }
            owned.values().forEach(assignment -> assertEquals(2, assignment.size()));
            assertEquals(ConsumerGroupState.STABLE, group(ctx).state());

            ConsumerGroupHeartbeatResponse left = ok(ctx, beat("c", ConsumerGroupMember.LEAVE_GROUP_MEMBER_EPOCH, null));
            assertEquals(-1, left.memberEpoch());
            assertNull(member(ctx, "c"));
            owned.remove("c");
            Map<String, Assignment> after = settle(ctx, owned);
            assertEquals(3, after.get("a").size());
            assertEquals(3, after.get("b").size());
            assertEquals(partitions(t, 0, 1, 2, 3, 4, 5), after.get("a").union(after.get("b")));
        }
    }

    @Test
    void aMemberThatStopsHeartbeatingIsRemovedAfterTheSessionTimeout() {
        Uuid t = topics.create("t", 4);
        try (GroupCoordinatorTestContext ctx = context()) {
            Map<String, Assignment> owned = new HashMap<>();
            owned.put("a", ok(ctx, join("a", List.of("t"))).assignment());
            owned.put("b", ok(ctx, join("b", List.of("t"))).assignment());
            settle(ctx, owned);
            for (int i = 0; i < 12; i++) {
                ctx.sleep(1000);
                ok(ctx, beat("a", member(ctx, "a").memberEpoch(), null));
            }
            assertNull(member(ctx, "b"), "b's session ended");
            Map<String, Assignment> after = settle(ctx, new HashMap<>(Map.of("a", member(ctx, "a").assigned())));
            assertEquals(partitions(t, 0, 1, 2, 3), after.get("a"));
        }
    }

    @Test
    void aGroupsOwnSessionTimeoutAndHeartbeatIntervalWin() {
        topics.create("t", 1);
        GroupOverrides overrides = groupId -> groupId.equals(GROUP)
                ? Map.of(GroupOverrides.SESSION_TIMEOUT_MS, "3000", GroupOverrides.HEARTBEAT_INTERVAL_MS, "700") : Map.of();
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext(config(Map.of()), topics, overrides)) {
            ctx.load(ctx.service.partitionFor(GROUP));
            assertEquals(700, ok(ctx, join("a", List.of("t"))).heartbeatIntervalMs());
            ctx.sleep(3100);
            assertNull(member(ctx, "a"), "removed after the group's 3 s session, not the broker's 10 s");
        }
    }

    @Test
    void aMemberThatDoesNotRevokeWithinItsRebalanceTimeoutIsRemoved() {
        topics.create("t", 4);
        try (GroupCoordinatorTestContext ctx = context()) {
            ok(ctx, join("a", List.of("t")));
            ok(ctx, join("b", List.of("t")));
            ok(ctx, beat("a", 1, null));
            assertEquals(MemberState.UNREVOKED_PARTITIONS, member(ctx, "a").state());
            for (int i = 0; i < 6; i++) {
                ctx.sleep(1000);
                ok(ctx, beat("b", 2, Assignment.EMPTY));
                if (member(ctx, "a") != null) {
                    ok(ctx, beat("a", 1, null)); // heartbeats, but never lets go
                }
            }
            assertNull(member(ctx, "a"), "fenced after rebalance.timeout.ms");
            Map<String, Assignment> after = settle(ctx, new HashMap<>(Map.of("b", member(ctx, "b").assigned())));
            assertEquals(4, after.get("b").size());
        }
    }

    @Test
    void aRestartedStaticMemberGetsItsPartitionsBackWithoutARebalance() {
        topics.create("t", 6);
        try (GroupCoordinatorTestContext ctx = context()) {
            Map<String, Assignment> owned = new HashMap<>();
            owned.put("a1", ok(ctx, joinStatic("a1", "instance-a", List.of("t"))).assignment());
            owned.put("b", ok(ctx, join("b", List.of("t"))).assignment());
            owned = new HashMap<>(settle(ctx, owned));
            int groupEpoch = group(ctx).groupEpoch();
            Assignment aPartitions = owned.get("a1");
            ConsumerGroupMember bBefore = member(ctx, "b");

            ConsumerGroupHeartbeatResponse away = ok(ctx, request("a1", ConsumerGroupMember.LEAVE_GROUP_STATIC_MEMBER_EPOCH,
                    "instance-a", null, null, null));
            assertEquals(-2, away.memberEpoch());
            assertTrue(member(ctx, "a1").isAwayStaticMember());
            assertEquals(groupEpoch, group(ctx).groupEpoch(), "a temporary static leave does not rebalance");

            ConsumerGroupHeartbeatResponse back = ok(ctx, joinStatic("a2", "instance-a", List.of("t")));
            assertEquals(aPartitions, back.assignment());
            assertEquals(groupEpoch, back.memberEpoch());
            assertNull(member(ctx, "a1"));
            assertEquals(groupEpoch, group(ctx).groupEpoch());
            assertEquals(bBefore, member(ctx, "b"), "the other member saw nothing");
        }
    }

    @Test
    void aStaticInstanceStillInUseIsRefused() {
        topics.create("t", 2);
        try (GroupCoordinatorTestContext ctx = context()) {
            ok(ctx, joinStatic("a1", "instance-a", List.of("t")));
            assertEquals(io.samsa.protocol.ErrorCode.UNRELEASED_INSTANCE_ID,
                    heartbeat(ctx, joinStatic("a2", "instance-a", List.of("t"))).error());
        }
    }

    @Test
    void aStaticMemberAwayPastItsSessionIsRemoved() {
        topics.create("t", 2);
        try (GroupCoordinatorTestContext ctx = context()) {
            ok(ctx, joinStatic("a1", "instance-a", List.of("t")));
            ok(ctx, request("a1", -2, "instance-a", null, null, null));
            ctx.sleep(SESSION_TIMEOUT_MS + 100);
            assertNull(member(ctx, "a1"));
            assertEquals(ConsumerGroupState.EMPTY, group(ctx).state());
        }
    }

    @Test
    void aRegexSubscriptionPicksUpATopicCreatedLater() {
        Uuid t1 = topics.create("orders-1", 2);
        topics.create("other", 2);
        try (GroupCoordinatorTestContext ctx = context()) {
            ConsumerGroupHeartbeatResponse joined = ok(ctx, joinRegex("a", "orders-.*"));
            assertEquals(partitions(t1, 0, 1), joined.assignment());
            Uuid t2 = topics.create("orders-2", 3);
            ConsumerGroupHeartbeatResponse next = ok(ctx, beat("a", joined.memberEpoch(), joined.assignment()));
            assertEquals(joined.memberEpoch() + 1, next.memberEpoch(), "a new matching topic bumps the epoch");
            assertEquals(partitions(t1, 0, 1).union(partitions(t2, 0, 1, 2)), next.assignment());
        }
    }

    @Test
    void newPartitionsAndDeletedTopicsMakeANewTarget() {
        Uuid t = topics.create("t", 2);
        Uuid u = topics.create("u", 1);
        try (GroupCoordinatorTestContext ctx = context()) {
            ConsumerGroupHeartbeatResponse joined = ok(ctx, join("a", List.of("t", "u")));
            assertEquals(3, joined.assignment().size());
            topics.addPartitions("t", 4);
            ConsumerGroupHeartbeatResponse grown = ok(ctx, beat("a", joined.memberEpoch(), joined.assignment()));
            assertEquals(partitions(t, 0, 1, 2, 3).union(partitions(u, 0)), grown.assignment());
            topics.delete("u");
            ConsumerGroupHeartbeatResponse revoke = ok(ctx, beat("a", grown.memberEpoch(), grown.assignment()));
            assertEquals(MemberState.UNREVOKED_PARTITIONS, member(ctx, "a").state());
            ConsumerGroupHeartbeatResponse shrunk = ok(ctx, beat("a", revoke.memberEpoch(), revoke.assignment()));
            assertEquals(partitions(t, 0, 1, 2, 3), shrunk.assignment());
            assertEquals(MemberState.STABLE, member(ctx, "a").state());
        }
    }

    @Test
    void aLostResponseIsRetriedWithThePreviousEpoch() {
        Uuid t = topics.create("t", 2);
        try (GroupCoordinatorTestContext ctx = context()) {
            ok(ctx, join("a", List.of("t")));
            ok(ctx, join("b", List.of("t")));
            ConsumerGroupHeartbeatResponse revoke = ok(ctx, beat("a", 1, null));
            ok(ctx, beat("a", 1, revoke.assignment()));
            assertEquals(2, member(ctx, "a").memberEpoch());
            // the response with epoch 2 was lost: a retries with epoch 1 and what it owns
            ConsumerGroupHeartbeatResponse retried = ok(ctx, beat("a", 1, revoke.assignment()));
            assertEquals(2, retried.memberEpoch());
            assertNotNull(retried.assignment().partitions(t));
        }
    }
}
