package io.samsa.client.consumer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.errors.FencedInstanceIdException;
import io.samsa.client.errors.GroupAuthorizationException;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.HeartbeatRequest;
import io.samsa.protocol.message.JoinGroupRequest;
import io.samsa.protocol.message.JoinGroupResponse;
import io.samsa.protocol.message.LeaveGroupRequest;
import io.samsa.protocol.message.SyncGroupRequest;
import io.samsa.protocol.message.SyncGroupResponse;
import io.samsa.protocol.util.ManualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sans-I/O membership state machine driven with a manual clock and hand-made responses. */
class GroupMembershipTest {
    private static final int SESSION_MS = 10_000;
    private static final int REBALANCE_MS = 30_000;
    private static final int HEARTBEAT_MS = 1_000;

    private final ManualTime time = new ManualTime(1_000_000);

    private GroupMembership membership(Optional<String> instanceId) {
        return new GroupMembership(new GroupSettings("group", instanceId, SESSION_MS, REBALANCE_MS, HEARTBEAT_MS, 100),
            time.milliseconds());
    }

    private static List<JoinGroupRequest.JoinGroupRequestProtocol> protocols() {
        return new ArrayList<>(List.of(new JoinGroupRequest.JoinGroupRequestProtocol().setName("range").setMetadata(new byte[] {0, 3})));
    }

    private static JoinGroupResponse joined(String memberId, String leader, int generation) {
        List<JoinGroupResponse.JoinGroupResponseMember> members = new ArrayList<>();
        if (memberId.equals(leader)) {
            members.add(new JoinGroupResponse.JoinGroupResponseMember().setMemberId(memberId).setMetadata(new byte[] {0, 3}));
        }
        return new JoinGroupResponse().setGenerationId(generation).setMemberId(memberId).setLeader(leader)
            .setProtocolType("consumer").setProtocolName("range").setMembers(members);
    }

    /** Joins as leader of generation 1 and syncs. */
    private GroupMembership stable(Optional<String> instanceId) {
        GroupMembership m = membership(instanceId);
        m.joinRequest(protocols());
        assertEquals(GroupMembership.JoinOutcome.LEAD, m.onJoinResponse(joined("m-1", "m-1", 1)));
        m.syncRequest(Map.of("m-1", new byte[] {0, 3}));
        assertEquals(GroupMembership.Outcome.OK, m.onSyncResponse(new SyncGroupResponse().setAssignment(new byte[0]), time.milliseconds()));
        return m;
    }

    @Test
    void memberIdRequiredRoundTripThenLeaderThenStable() {
        GroupMembership m = membership(Optional.empty());
        assertTrue(m.needsJoin());
        JoinGroupRequest first = m.joinRequest(protocols());
        assertEquals("", first.memberId());
        assertEquals(REBALANCE_MS, first.rebalanceTimeoutMs());
        assertEquals(SESSION_MS, first.sessionTimeoutMs());
        assertEquals("consumer", first.protocolType());
        assertTrue(m.rebalanceInProgress());
        assertNull(m.generationIfStable());

        assertEquals(GroupMembership.JoinOutcome.REJOIN, m.onJoinResponse(new JoinGroupResponse()
            .setErrorCode(ErrorCode.MEMBER_ID_REQUIRED.code()).setMemberId("m-1").setGenerationId(-1)));
        assertTrue(m.needsJoin());
        JoinGroupRequest second = m.joinRequest(protocols());
        assertEquals("m-1", second.memberId(), "rejoins with the id the coordinator gave");

        assertEquals(GroupMembership.JoinOutcome.LEAD, m.onJoinResponse(joined("m-1", "m-1", 1)));
        assertTrue(m.isLeader());
        assertEquals(GroupMembership.State.SYNCING, m.state());
        SyncGroupRequest sync = m.syncRequest(Map.of("m-1", new byte[] {1}));
        assertEquals(1, sync.generationId());
        assertEquals("range", sync.protocolName());
        assertEquals(1, sync.assignments().size());

        assertEquals(GroupMembership.Outcome.OK, m.onSyncResponse(new SyncGroupResponse(), time.milliseconds()));
        assertEquals(GroupMembership.State.STABLE, m.state());
        assertEquals(new GroupMembership.Generation(1, "m-1", "range"), m.generationIfStable());
        assertFalse(m.needsJoin());
    }

    @Test
    void followerSendsAnEmptySync() {
        GroupMembership m = membership(Optional.empty());
        m.joinRequest(protocols());
        assertEquals(GroupMembership.JoinOutcome.FOLLOW, m.onJoinResponse(joined("m-2", "m-1", 4)));
        assertTrue(m.syncRequest(Map.of()).assignments().isEmpty());
    }

    @Test
    void heartbeatsFollowTheIntervalAndTheSessionExpiresWithoutAnswers() {
        GroupMembership m = stable(Optional.empty());
        assertNull(m.heartbeatIfDue(time.milliseconds()), "not due right after the sync");
        assertEquals(HEARTBEAT_MS, m.timeToNextHeartbeatMs(time.milliseconds()));
        time.advance(HEARTBEAT_MS);
        HeartbeatRequest heartbeat = m.heartbeatIfDue(time.milliseconds());
        assertNotNull(heartbeat);
        assertEquals(1, heartbeat.generationId());
        assertEquals("m-1", heartbeat.memberId());
        assertNull(m.heartbeatIfDue(time.milliseconds()), "one in flight at a time");
        assertEquals(GroupMembership.Outcome.OK, m.onHeartbeatResponse(ErrorCode.NONE, time.milliseconds()));

        time.advance(SESSION_MS);
        assertFalse(m.sessionExpired(time.milliseconds()));
        time.advance(1);
        assertTrue(m.sessionExpired(time.milliseconds()), "no acknowledged heartbeat within session.timeout.ms");
        m.onCoordinatorFound(time.milliseconds());
        assertFalse(m.sessionExpired(time.milliseconds()));
    }

    @Test
    void rebalanceInProgressRequestsARejoinKeepingTheGeneration() {
        GroupMembership m = stable(Optional.empty());
        time.advance(HEARTBEAT_MS);
        m.heartbeatIfDue(time.milliseconds());
        assertEquals(GroupMembership.Outcome.REJOIN, m.onHeartbeatResponse(ErrorCode.REBALANCE_IN_PROGRESS, time.milliseconds()));
        assertTrue(m.needsJoin());
        assertNotNull(m.generationIfStable(), "still Stable until the rejoin starts: commits are allowed");
        assertFalse(m.takePartitionsLost());
        JoinGroupRequest rejoin = m.joinRequest(protocols());
        assertEquals("m-1", rejoin.memberId());
        assertEquals("group is rebalancing", rejoin.reason());
    }

    @Test
    void unknownMemberAndIllegalGenerationLoseThePartitions() {
        GroupMembership m = stable(Optional.empty());
        time.advance(HEARTBEAT_MS);
        m.heartbeatIfDue(time.milliseconds());
        m.onHeartbeatResponse(ErrorCode.ILLEGAL_GENERATION, time.milliseconds());
        assertTrue(m.takePartitionsLost());
        assertFalse(m.takePartitionsLost(), "read once");
        assertEquals(new GroupMembership.Generation(-1, "m-1", null), m.generation(), "member id kept on ILLEGAL_GENERATION");
        assertEquals(GroupMembership.State.UNJOINED, m.state());

        m.joinRequest(protocols());
        m.onJoinResponse(joined("m-1", "m-1", 2));
        m.syncRequest(Map.of());
        assertEquals(GroupMembership.Outcome.REJOIN, m.onSyncResponse(
            new SyncGroupResponse().setErrorCode(ErrorCode.UNKNOWN_MEMBER_ID.code()), time.milliseconds()));
        assertTrue(m.takePartitionsLost());
        assertEquals("", m.generation().memberId(), "UNKNOWN_MEMBER_ID forgets the member id");
        assertEquals("", m.joinRequest(protocols()).memberId());
    }

    @Test
    void commitErrorsResetTheGeneration() {
        GroupMembership m = stable(Optional.empty());
        m.resetOnError(ErrorCode.UNKNOWN_MEMBER_ID);
        assertNull(m.generationIfStable());
        assertFalse(m.rebalanceInProgress(), "so the commit fails with CommitFailedException");
        assertTrue(m.takePartitionsLost());
    }

    @Test
    void fencedInstanceIdIsFatal() {
        GroupMembership m = stable(Optional.of("instance-1"));
        time.advance(HEARTBEAT_MS);
        HeartbeatRequest heartbeat = m.heartbeatIfDue(time.milliseconds());
        assertEquals("instance-1", heartbeat.groupInstanceId());
        m.onHeartbeatResponse(ErrorCode.FENCED_INSTANCE_ID, time.milliseconds());
        assertEquals(GroupMembership.State.FATAL, m.state());
        assertTrue(m.fatalError().orElseThrow() instanceof FencedInstanceIdException);
        assertFalse(m.needsJoin());
        assertThrows(FencedInstanceIdException.class, () -> m.joinRequest(protocols()));

        GroupMembership joining = membership(Optional.of("instance-1"));
        joining.joinRequest(protocols());
        assertThrows(FencedInstanceIdException.class, () -> joining.onJoinResponse(
            new JoinGroupResponse().setErrorCode(ErrorCode.FENCED_INSTANCE_ID.code())));
        assertEquals(GroupMembership.State.FATAL, joining.state());
    }

    @Test
    void otherJoinErrorsSurfaceAsTheirException() {
        GroupMembership m = membership(Optional.empty());
        m.joinRequest(protocols());
        assertThrows(GroupAuthorizationException.class, () -> m.onJoinResponse(
            new JoinGroupResponse().setErrorCode(ErrorCode.GROUP_AUTHORIZATION_FAILED.code())));
        assertTrue(m.needsJoin());
        m.joinRequest(protocols());
        assertEquals(GroupMembership.JoinOutcome.COORDINATOR_LOST, m.onJoinResponse(
            new JoinGroupResponse().setErrorCode(ErrorCode.NOT_COORDINATOR.code())));
    }

    @Test
    void pollTimeoutAndLeave() {
        GroupMembership m = stable(Optional.empty());
        m.onPoll(time.milliseconds());
        time.advance(REBALANCE_MS);
        assertFalse(m.pollTimeoutExpired(time.milliseconds()));
        time.advance(1);
        assertTrue(m.pollTimeoutExpired(time.milliseconds()));
        LeaveGroupRequest leave = m.leave("consumer poll timeout has expired");
        assertEquals("m-1", leave.members().get(0).memberId());
        assertEquals(GroupMembership.Generation.NONE, m.generation());
        assertNull(m.generationIfStable());
        assertFalse(m.pollTimeoutExpired(time.milliseconds()), "only members in the group time out");
        assertTrue(m.takePartitionsLost());
        assertTrue(m.needsJoin());
    }

    @Test
    void staticMembersSendNoLeaveGroup() {
        GroupMembership m = stable(Optional.of("instance-1"));
        assertNull(m.leave("close"));
        assertEquals(GroupMembership.Generation.NONE, m.generation());
        JoinGroupRequest join = m.joinRequest(protocols());
        assertEquals("instance-1", join.groupInstanceId());
    }
}
