package io.samsa.broker.group;

import static io.samsa.broker.group.GroupOffsetsBrokerTest.joinAndSync;
import static io.samsa.broker.group.GroupRequests.commit;
import static io.samsa.broker.group.GroupRequests.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DeleteGroupsRequest;
import io.samsa.protocol.message.DeleteGroupsResponse;
import io.samsa.protocol.message.DeleteGroupsResponse.DeletableGroupResult;
import io.samsa.protocol.message.DescribeGroupsRequest;
import io.samsa.protocol.message.DescribeGroupsResponse;
import io.samsa.protocol.message.FindCoordinatorRequest;
import io.samsa.protocol.message.FindCoordinatorResponse;
import io.samsa.protocol.message.FindCoordinatorResponse.Coordinator;
import io.samsa.protocol.message.LeaveGroupRequest;
import io.samsa.protocol.message.ListGroupsRequest;
import io.samsa.protocol.message.ListGroupsResponse;
import io.samsa.protocol.message.ListGroupsResponse.ListedGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FindCoordinator, ListGroups, DescribeGroups and DeleteGroups through a real broker socket. */
class GroupAdminApisBrokerTest extends GroupBrokerTestSupport {
    @Test
    void findCoordinatorAnswersThisNodeForGroupsSingleAndBatched() throws Exception {
        FindCoordinatorResponse v0 = client.call(new FindCoordinatorRequest().setKey("g"), 0);
        assertEquals(ErrorCode.NONE.code(), v0.errorCode());
        assertEquals(0, v0.nodeId());
        assertEquals("127.0.0.1", v0.host());
        assertEquals(broker.port(), v0.port());

        FindCoordinatorResponse v3 = client.call(new FindCoordinatorRequest().setKey("txn").setKeyType((byte) 1), 3);
        assertTrue(v3.errorCode() == ErrorCode.NONE.code() || v3.errorCode() == ErrorCode.COORDINATOR_NOT_AVAILABLE.code(),
                "the transaction coordinator, or retriable while its partition loads: " + v3.errorCode());

        FindCoordinatorResponse v4 = client.call(new FindCoordinatorRequest().setCoordinatorKeys(List.of("a", "b", "")), 6);
        List<Coordinator> answers = v4.coordinators();
        assertEquals(3, answers.size());
        for (Coordinator answer : answers.subList(0, 2)) {
            assertEquals(ErrorCode.NONE.code(), answer.errorCode());
            assertEquals(broker.port(), answer.port());
            assertEquals("127.0.0.1", answer.host());
        }
        assertEquals(List.of("a", "b", ""), answers.stream().map(Coordinator::key).toList());
        assertEquals(ErrorCode.INVALID_REQUEST.code(), answers.get(2).errorCode());
        assertEquals(-1, answers.get(2).nodeId());
    }

    @Test
    void listGroupsFiltersByStateFromV4AndByTypeFromV5() throws Exception {
        joinAndSync(client, "stable-group");
        client.call(commit("offsets-only", "", -1, "t", 1), 2);

        ListGroupsResponse all = client.call(new ListGroupsRequest(), 0);
        assertEquals(List.of("offsets-only/", "stable-group/consumer"), listed(all));

        ListGroupsResponse stable = client.call(new ListGroupsRequest().setStatesFilter(List.of("Stable")), 4);
        assertEquals(List.of("stable-group/consumer"), listed(stable));
        assertEquals("Stable", stable.groups().get(0).groupState());

        ListGroupsResponse empty = client.call(new ListGroupsRequest().setStatesFilter(List.of("empty")), 4);
        assertEquals(List.of("offsets-only/"), listed(empty));

        ListGroupsResponse classic = client.call(new ListGroupsRequest().setTypesFilter(List.of("classic")), 5);
        assertEquals(2, classic.groups().size());
        classic.groups().forEach(group -> assertEquals("classic", group.groupType()));
        ListGroupsResponse consumer = client.call(new ListGroupsRequest().setTypesFilter(List.of("consumer")), 5);
        assertTrue(consumer.groups().isEmpty(), "no KIP-848 consumer groups exist");
    }

    @Test
    void describeGroupsShowsMembersOfAStableGroupAndDeadForUnknownOnes() throws Exception {
        String member = joinAndSync(client, "g");
        DescribeGroupsResponse response = client.call(new DescribeGroupsRequest().setGroups(List.of("g", "unknown"))
                .setIncludeAuthorizedOperations(true), 5);
        DescribeGroupsResponse.DescribedGroup group = response.groups().get(0);
        assertEquals(ErrorCode.NONE.code(), group.errorCode());
        assertEquals("Stable", group.groupState());
        assertEquals("consumer", group.protocolType());
        assertEquals("range", group.protocolData());
        // READ, DELETE, DESCRIBE, DESCRIBE_CONFIGS, ALTER_CONFIGS: Kafka 4.1's group operations.
        assertEquals((1 << 3) | (1 << 6) | (1 << 8) | (1 << 10) | (1 << 11), group.authorizedOperations());
        DescribeGroupsResponse.DescribedGroupMember described = group.members().get(0);
        assertEquals(member, described.memberId());
        assertEquals("group-test", described.clientId());
        assertEquals("/127.0.0.1", described.clientHost());
        assertEquals("subscription-of-" + member, text(described.memberMetadata()));
        assertEquals("all", text(described.memberAssignment()));

        DescribeGroupsResponse.DescribedGroup unknown = response.groups().get(1);
        assertEquals("unknown", unknown.groupId());
        assertEquals("Dead", unknown.groupState());
        assertEquals(ErrorCode.NONE.code(), unknown.errorCode());

        DescribeGroupsResponse v0 = client.call(new DescribeGroupsRequest().setGroups(List.of("g")), 0);
        assertEquals(member, v0.groups().get(0).members().get(0).memberId());
    }

    @Test
    void deleteGroupsRefusesGroupsWithMembersAndDeletesEmptyOnes() throws Exception {
        String member = joinAndSync(client, "busy");
        client.call(commit("idle", "", -1, "t", 1, 2), 2);

        DeleteGroupsResponse first = client.call(new DeleteGroupsRequest().setGroupsNames(List.of("busy", "idle", "ghost")), 2);
        assertEquals(Map.of("busy", ErrorCode.NON_EMPTY_GROUP, "idle", ErrorCode.NONE, "ghost", ErrorCode.GROUP_ID_NOT_FOUND),
                errors(first.results()));
        assertEquals(List.of("busy/consumer"), listed(client.call(new ListGroupsRequest(), 3)));

        client.call(new LeaveGroupRequest().setGroupId("busy").setMemberId(member), 1);
        DeleteGroupsResponse second = client.call(new DeleteGroupsRequest().setGroupsNames(List.of("busy")), 0);
        assertEquals(Map.of("busy", ErrorCode.NONE), errors(second.results()));
        assertTrue(listed(client.call(new ListGroupsRequest(), 3)).isEmpty());
    }

    private static List<String> listed(ListGroupsResponse response) {
        assertEquals(ErrorCode.NONE.code(), response.errorCode());
        return response.groups().stream().map(ListedGroup::groupId).sorted()
                .map(id -> id + "/" + response.groups().stream().filter(g -> g.groupId().equals(id)).findFirst().orElseThrow().protocolType())
                .toList();
    }

    private static Map<String, ErrorCode> errors(List<DeletableGroupResult> results) {
        Map<String, ErrorCode> byGroup = new java.util.HashMap<>();
        results.forEach(result -> byGroup.put(result.groupId(), ErrorCode.forCode(result.errorCode())));
        return byGroup;
    }
}
