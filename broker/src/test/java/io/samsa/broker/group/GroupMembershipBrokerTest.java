package io.samsa.broker.group;

import static io.samsa.broker.group.GroupRequests.heartbeat;
import static io.samsa.broker.group.GroupRequests.join;
import static io.samsa.broker.group.GroupRequests.sync;
import static io.samsa.broker.group.GroupRequests.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.HeartbeatResponse;
import io.samsa.protocol.message.JoinGroupResponse;
import io.samsa.protocol.message.LeaveGroupRequest.MemberIdentity;
import io.samsa.protocol.message.LeaveGroupRequest;
import io.samsa.protocol.message.LeaveGroupResponse;
import io.samsa.protocol.message.SyncGroupResponse;
import io.samsa.protocol.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JoinGroup, SyncGroup, Heartbeat and LeaveGroup through a real broker socket, at old and new versions. */
class GroupMembershipBrokerTest extends GroupBrokerTestSupport {
    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6, 7, 9})
    void fromV4AFirstJoinGetsMemberIdRequiredAndTheRejoinWithThatIdJoins(int version) throws Exception {
        JoinGroupResponse first = client.call(join("g", ""), version);
        assertEquals(ErrorCode.MEMBER_ID_REQUIRED.code(), first.errorCode());
        String memberId = first.memberId();
        assertTrue(memberId.startsWith("group-test-"), memberId);

        JoinGroupResponse joined = client.call(join("g", memberId), version);
        assertEquals(ErrorCode.NONE.code(), joined.errorCode());
        assertEquals(1, joined.generationId());
        assertEquals(memberId, joined.memberId());
        assertEquals(memberId, joined.leader());
        assertEquals("range", joined.protocolName());
        assertEquals(version >= 7 ? "consumer" : null, joined.protocolType());
        assertEquals(1, joined.members().size());
        assertEquals("subscription-of-" + memberId, text(joined.members().get(0).metadata()));
    }

    @Test
    void v2JoinsAtOnceWithAnAssignedMemberId() throws Exception {
        JoinGroupResponse joined = client.call(join("g", ""), 2);
        assertEquals(ErrorCode.NONE.code(), joined.errorCode());
        assertEquals(1, joined.generationId());
        assertFalse(joined.memberId().isEmpty());
        assertEquals(joined.memberId(), joined.leader());
        assertEquals(1, joined.members().size());

        SyncGroupResponse synced = client.call(sync("g", joined.memberId(), 1, Map.of(joined.memberId(), "all")), 1);
        assertEquals(ErrorCode.NONE.code(), synced.errorCode());
        assertEquals("all", text(synced.assignment()));
    }

    @Test
    void aSecondMemberTriggersARebalanceAndSyncHandsEachMemberItsAssignment() throws Exception {
        String a = joinAlone("g");
        try (GroupWireClient other = new GroupWireClient(broker.port())) {
            other.send(join("g", ""), 2); // parks until every known member has rejoined

            // The other connection's join reaches the coordinator on its own schedule; then heartbeats say so.
            Await.until(Duration.ofSeconds(10), "the rebalance the second member started",
                    () -> heartbeatErrorQuietly("g", a, 1) == ErrorCode.REBALANCE_IN_PROGRESS);
            JoinGroupResponse leader = client.call(join("g", a), 5);
            JoinGroupResponse follower = other.receive();

            assertEquals(ErrorCode.NONE.code(), leader.errorCode());
            assertEquals(ErrorCode.NONE.code(), follower.errorCode());
            assertEquals(2, leader.generationId());
            assertEquals(2, follower.generationId());
            assertEquals(a, leader.leader());
            assertEquals(a, follower.leader());
            assertEquals(2, leader.members().size(), "the leader learns every member");
            assertTrue(follower.members().isEmpty(), "followers learn no members");
            String b = follower.memberId();

            other.send(sync("g", b, 2, Map.of()), 3); // the follower waits for the leader's assignment
            SyncGroupResponse leaderSync = client.call(sync("g", a, 2, Map.of(a, "partitions-0-1", b, "partitions-2-3")), 5);
            SyncGroupResponse followerSync = other.receive();
            assertEquals("partitions-0-1", text(leaderSync.assignment()));
            assertEquals("partitions-2-3", text(followerSync.assignment()));
            assertEquals("consumer", leaderSync.protocolType());
            assertEquals("range", leaderSync.protocolName());

            assertEquals(ErrorCode.NONE.code(), ((HeartbeatResponse) client.call(heartbeat("g", a, 2), 0)).errorCode());
            assertEquals(ErrorCode.NONE.code(), ((HeartbeatResponse) other.call(heartbeat("g", b, 2), 4)).errorCode());
        }
    }

    @Test
    void heartbeatsWithBadIdentitiesGetTheirErrors() throws Exception {
        String member = joinAlone("g");
        assertEquals(ErrorCode.NONE, heartbeatError("g", member, 1));
        assertEquals(ErrorCode.ILLEGAL_GENERATION, heartbeatError("g", member, 7));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, heartbeatError("g", "stranger", 1));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, heartbeatError("no-such-group", member, 1));
        assertEquals(ErrorCode.INVALID_GROUP_ID, heartbeatError("", member, 1));
    }

    @Test
    void v1LeaveRemovesTheMemberAndAnUnknownMemberIsReportedAtTopLevel() throws Exception {
        String member = joinAlone("g");
        LeaveGroupResponse left = client.call(new LeaveGroupRequest().setGroupId("g").setMemberId(member), 1);
        assertEquals(ErrorCode.NONE.code(), left.errorCode());
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, heartbeatError("g", member, 1));

        LeaveGroupResponse unknown = client.call(new LeaveGroupRequest().setGroupId("g").setMemberId(member), 0);
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID.code(), unknown.errorCode());
    }

    @Test
    void v3LeaveAnswersEachMemberOfTheBatch() throws Exception {
        String member = joinAlone("g");
        LeaveGroupResponse left = client.call(new LeaveGroupRequest().setGroupId("g").setMembers(List.of(
                new MemberIdentity().setMemberId(member),
                new MemberIdentity().setMemberId("stranger"))), 5);
        assertEquals(ErrorCode.NONE.code(), left.errorCode());
        assertEquals(2, left.members().size());
        assertEquals(member, left.members().get(0).memberId());
        assertEquals(ErrorCode.NONE.code(), left.members().get(0).errorCode());
        assertNull(left.members().get(0).groupInstanceId());
        assertEquals("stranger", left.members().get(1).memberId());
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID.code(), left.members().get(1).errorCode());
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, heartbeatError("g", member, 1));
    }

    @Test
    void groupLimitsComeFromTheBrokerConfig(@TempDir Path otherDir) throws Exception {
        try (GroupTestBroker limited = GroupTestBroker.start(otherDir, Map.of("group.max.size", "1",
                "group.min.session.timeout.ms", "2000", "group.max.session.timeout.ms", "20000"));
             GroupWireClient first = new GroupWireClient(limited.port());
             GroupWireClient second = new GroupWireClient(limited.port())) {
            assertEquals(ErrorCode.INVALID_SESSION_TIMEOUT.code(),
                    ((JoinGroupResponse) first.call(join("g", "").setSessionTimeoutMs(1999), 2)).errorCode());
            assertEquals(ErrorCode.INVALID_SESSION_TIMEOUT.code(),
                    ((JoinGroupResponse) first.call(join("g", "").setSessionTimeoutMs(20_001), 2)).errorCode());
            assertEquals(ErrorCode.NONE.code(), ((JoinGroupResponse) first.call(join("g", ""), 2)).errorCode());
            assertEquals(ErrorCode.GROUP_MAX_SIZE_REACHED.code(), ((JoinGroupResponse) second.call(join("g", ""), 2)).errorCode());
        }
    }

    @Test
    void v5SyncWithAnotherProtocolThanTheGroupsIsInconsistent() throws Exception {
        String member = joinAlone("g");
        SyncGroupResponse wrong = client.call(sync("g", member, 1, Map.of()).setProtocolName("roundrobin"), 5);
        assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL.code(), wrong.errorCode());
    }

    private String joinAlone(String groupId) throws Exception {
        return GroupOffsetsBrokerTest.joinAndSync(client, groupId);
    }

    private ErrorCode heartbeatErrorQuietly(String groupId, String memberId, int generation) {
        try {
            return heartbeatError(groupId, memberId, generation);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ErrorCode heartbeatError(String groupId, String memberId, int generation) throws Exception {
        HeartbeatResponse response = client.call(heartbeat(groupId, memberId, generation), 4);
        return ErrorCode.forCode(response.errorCode());
    }
}
