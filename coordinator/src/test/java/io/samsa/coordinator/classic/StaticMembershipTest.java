package io.samsa.coordinator.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** KIP-345 static membership, and a coordinator restart in the middle of a group's life. */
class StaticMembershipTest extends ClassicGroupTestSupport {

    /** Static members "ia" (leader) and "ib" through one rebalance: returns {leaderId, followerId}. */
    String[] stableStaticGroup() {
        CompletableFuture<JoinGroupResult> a = joinStatic("", "ia", (short) 5);
        CompletableFuture<JoinGroupResult> b = joinStatic("", "ib", (short) 5);
        ctx.sleep(INITIAL_DELAY_MS);
        ctx.sleep(INITIAL_DELAY_MS);
        String leader = a.join().memberId();
        String follower = b.join().memberId();
        assertEquals(ErrorCode.NONE, a.join().error(), "no MEMBER_ID_REQUIRED step for static members");
        assertEquals(leader, a.join().leaderId());
        sync(leader, 1, Map.of(leader, ByteString.copyFromUtf8("p0"), follower, ByteString.copyFromUtf8("p1")));
        sync(follower, 1, Map.of());
        assertEquals(ClassicGroupState.STABLE, group().state());
        return new String[] {leader, follower};
    }

    ErrorCode staticHeartbeat(String memberId, String instanceId) {
        return ctx.await(ctx.service.heartbeat(new HeartbeatRequest(G, memberId, instanceId, 1)));
    }

    @Test
    void aRestartedStaticLeaderBeforeV9IsToldTheOldLeaderIdAndNothingRebalances() {
        String[] ids = stableStaticGroup();
        JoinGroupResult rejoined = joinStatic("", "ia", (short) 8).join();
        assertEquals(ErrorCode.NONE, rejoined.error());
        assertNotEquals(ids[0], rejoined.memberId());
        assertEquals(1, rejoined.generationId());
        assertEquals(ids[0], rejoined.leaderId(), "the old id, so the new member does not assign");
        assertEquals(List.of(), rejoined.members());
        assertEquals(ClassicGroupState.STABLE, group().state());

        assertEquals(ErrorCode.FENCED_INSTANCE_ID, staticHeartbeat(ids[0], "ia"));
        assertEquals(ErrorCode.NONE, staticHeartbeat(rejoined.memberId(), "ia"));
        assertEquals(ByteString.copyFromUtf8("p0"), send(ctx.service.syncGroup(new SyncGroupRequest(
                G, rejoined.memberId(), "ia", 1, null, null, Map.of()))).join().assignment(), "its assignment is kept");
    }

    @Test
    void aRestartedStaticLeaderFromV9SkipsAssignmentButSeesTheMembers() {
        stableStaticGroup();
        JoinGroupResult rejoined = joinStatic("", "ia", (short) 9).join();
        assertTrue(rejoined.skipAssignment());
        assertEquals(rejoined.memberId(), rejoined.leaderId());
        assertEquals(2, rejoined.members().size());
        assertEquals(ClassicGroupState.STABLE, group().state());
    }

    @Test
    void aRestartedStaticFollowerGetsItsGenerationBack() {
        String[] ids = stableStaticGroup();
        JoinGroupResult rejoined = joinStatic("", "ib", (short) 5).join();
        assertEquals(ids[0], rejoined.leaderId());
        assertFalse(rejoined.skipAssignment());
        assertEquals(rejoined.memberId(), group().staticMemberId("ib"));
    }

    @Test
    void aStaticMemberWithChangedProtocolsRebalances() {
        stableStaticGroup();
        CompletableFuture<JoinGroupResult> changed = send(ctx.service.joinGroup(joinRequest("", "ib", (short) 5, "range", "sticky")));
        assertFalse(changed.isDone());
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, group().state());
    }

    @Test
    void staticMembersLeaveByInstanceIdAndWrongIdsAreFenced() {
        String[] ids = stableStaticGroup();
        LeaveGroupResult result = ctx.await(ctx.service.leaveGroup(new LeaveGroupRequest(G, List.of(
                new LeaveGroupRequest.LeavingMember("", "ib"),
                new LeaveGroupRequest.LeavingMember("not-" + ids[0], "ia"),
                new LeaveGroupRequest.LeavingMember("", "unknown-instance")))));
        assertEquals(List.of(ErrorCode.NONE, ErrorCode.FENCED_INSTANCE_ID, ErrorCode.UNKNOWN_MEMBER_ID),
                result.members().stream().map(LeaveGroupResult.MemberResult::error).toList());
        assertFalse(group().hasMember(ids[1]));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, staticHeartbeat(ids[0], "unknown-instance"));
    }

    @Test
    void aReloadedGroupIsTheSameAndItsSessionsRunAgain() {
        String[] ids = stableGroupOfTwo();
        ClassicGroup before = group();
        ctx.runtime.scheduleUnload(0);
        ctx.executor.runAll();
        ctx.load(0);
        assertEquals(before, group(), "rebuilt from the log");
        assertEquals(ErrorCode.NONE, heartbeat(ids[0], 1));
        ctx.sleep(SESSION_MS);
        assertFalse(group().hasMember(ids[1]), "sessions are restarted on load and expire without heartbeats");
    }
}
