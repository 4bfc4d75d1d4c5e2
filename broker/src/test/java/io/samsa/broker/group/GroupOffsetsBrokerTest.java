package io.samsa.broker.group;

import static io.samsa.broker.group.GroupRequests.commit;
import static io.samsa.broker.group.GroupRequests.join;
import static io.samsa.broker.group.GroupRequests.sync;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeGroupsRequest;
import io.samsa.protocol.message.DescribeGroupsResponse;
import io.samsa.protocol.message.JoinGroupResponse;
import io.samsa.protocol.message.OffsetCommitResponse;
import io.samsa.protocol.message.OffsetDeleteRequest;
import io.samsa.protocol.message.OffsetDeleteRequest.OffsetDeleteRequestPartition;
import io.samsa.protocol.message.OffsetDeleteRequest.OffsetDeleteRequestTopic;
import io.samsa.protocol.message.OffsetDeleteResponse;
import io.samsa.protocol.message.OffsetFetchRequest;
import io.samsa.protocol.message.OffsetFetchRequest.OffsetFetchRequestGroup;
import io.samsa.protocol.message.OffsetFetchRequest.OffsetFetchRequestTopic;
import io.samsa.protocol.message.OffsetFetchRequest.OffsetFetchRequestTopics;
import io.samsa.protocol.message.OffsetFetchResponse;
import io.samsa.protocol.message.OffsetFetchResponse.OffsetFetchResponsePartition;
import io.samsa.protocol.message.OffsetFetchResponse.OffsetFetchResponsePartitions;
import io.samsa.protocol.message.SyncGroupResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OffsetCommit, OffsetFetch (single group v1-7, multi-group v8+) and OffsetDelete through a real
 * broker, and the coordinator state surviving a restart by replay of {@code __consumer_offsets}.
 */
class GroupOffsetsBrokerTest {
    @TempDir
    Path dataDir;

    @Test
    void committedOffsetsAreFetchedAtEveryVersionAndSurviveARestart() throws Exception {
        String member;
        try (GroupTestBroker broker = GroupTestBroker.start(dataDir, Map.of()).createTopics(3, "orders");
             GroupWireClient client = new GroupWireClient(broker.port())) {
            assertAllNone(client.call(commit("standalone", "", -1, "orders", 10, 20, 30), 2));
            member = joinAndSync(client, "members");
            assertAllNone(client.call(commit("members", member, 1, "orders", 5), 8));

            OffsetFetchResponse v1 = client.call(fetchV1("standalone", "orders", 0, 1, 2, 9), 1);
            assertEquals(List.of("10/m0/0", "20/m1/0", "30/m2/0", "-1//0"), describe(v1.topics().get(0).partitions()));
            assertEquals(List.of("10/m0/0", "20/m1/0", "30/m2/0"), describe(fetchAllV7(client, "standalone")));
        }

        try (GroupTestBroker restarted = GroupTestBroker.start(dataDir, Map.of());
             GroupWireClient client = new GroupWireClient(restarted.port())) {
            assertEquals(List.of("10/m0/0", "20/m1/0", "30/m2/0"), describe(fetchAllV7(client, "standalone")));
            OffsetFetchResponse v8 = client.call(new OffsetFetchRequest().setGroups(List.of(
                    new OffsetFetchRequestGroup().setGroupId("standalone").setTopics(List.of(
                            new OffsetFetchRequestTopics().setName("orders").setPartitionIndexes(List.of(2)))),
                    new OffsetFetchRequestGroup().setGroupId("members").setTopics(null),
                    new OffsetFetchRequestGroup().setGroupId("never-committed").setTopics(null))), 8);
            assertEquals(3, v8.groups().size());
            assertEquals(List.of("30/m2/0"), describeV8(v8.groups().get(0).topics().get(0).partitions()));
            assertEquals(List.of("5/m0/0"), describeV8(v8.groups().get(1).topics().get(0).partitions()));
            assertEquals("never-committed", v8.groups().get(2).groupId());
            assertEquals(0, v8.groups().get(2).topics().size());

            DescribeGroupsResponse described = client.call(new DescribeGroupsRequest().setGroups(List.of("members")), 5);
            DescribeGroupsResponse.DescribedGroup group = described.groups().get(0);
            assertEquals("Stable", group.groupState(), "group metadata is replayed too");
            assertEquals(member, group.members().get(0).memberId());
            assertEquals("all", GroupRequests.text(group.members().get(0).memberAssignment()));
        }
    }

    @Test
    void commitErrorsComeFromTheGroupAndFromBrokerLimits() throws Exception {
        try (GroupTestBroker broker = GroupTestBroker.start(dataDir, Map.of("offset.metadata.max.bytes", "8")).createTopics(1, "t");
             GroupWireClient client = new GroupWireClient(broker.port())) {
            String member = joinAndSync(client, "g");
            assertEquals(ErrorCode.ILLEGAL_GENERATION, firstError(client.call(commit("g", member, 9, "t", 1), 7)));
            assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, firstError(client.call(commit("g", "stranger", 1, "t", 1), 7)));
            assertEquals(ErrorCode.INVALID_GROUP_ID, firstError(client.call(commit("", "", -1, "t", 1), 2)));

            var tooLong = commit("g", member, 1, "t", 1);
            tooLong.topics().get(0).partitions().get(0).setCommittedMetadata("123456789");
            assertEquals(ErrorCode.OFFSET_METADATA_TOO_LARGE, firstError(client.call(tooLong, 9)));
        }
    }

    @Test
    void v1FetchReportsAGroupErrorOnEveryPartition() throws Exception {
        try (GroupTestBroker broker = GroupTestBroker.start(dataDir, Map.of());
             GroupWireClient client = new GroupWireClient(broker.port())) {
            OffsetFetchResponse v1 = client.call(fetchV1("", "orders", 0, 1), 1);
            List<OffsetFetchResponsePartition> partitions = v1.topics().get(0).partitions();
            assertEquals(2, partitions.size());
            for (OffsetFetchResponsePartition partition : partitions) {
                assertEquals(ErrorCode.INVALID_GROUP_ID.code(), partition.errorCode());
                assertEquals(-1L, partition.committedOffset());
            }
            OffsetFetchResponse v2 = client.call(fetchV1("", "orders", 0), 2);
            assertEquals(ErrorCode.INVALID_GROUP_ID.code(), v2.errorCode());
        }
    }

    @Test
    void offsetDeleteRemovesOffsetsOfAGroupWithoutMembers() throws Exception {
        try (GroupTestBroker broker = GroupTestBroker.start(dataDir, Map.of()).createTopics(3, "orders");
             GroupWireClient client = new GroupWireClient(broker.port())) {
            assertAllNone(client.call(commit("standalone", "", -1, "orders", 10, 20), 2));
            OffsetDeleteResponse deleted = client.call(new OffsetDeleteRequest().setGroupId("standalone").setTopics(List.of(
                    new OffsetDeleteRequestTopic().setName("orders").setPartitions(List.of(
                            new OffsetDeleteRequestPartition().setPartitionIndex(0))))), 0);
            assertEquals(ErrorCode.NONE.code(), deleted.errorCode());
            assertEquals(ErrorCode.NONE.code(), deleted.topics().get(0).partitions().get(0).errorCode());
            assertEquals(List.of("20/m1/0"), describe(fetchAllV7(client, "standalone")));

            OffsetDeleteResponse unknown = client.call(new OffsetDeleteRequest().setGroupId("nobody").setTopics(List.of()), 0);
            assertEquals(ErrorCode.GROUP_ID_NOT_FOUND.code(), unknown.errorCode());
        }
    }

    /** @return the member id of the only member of {@code groupId}, stable at generation 1 with assignment "all" */
    static String joinAndSync(GroupWireClient client, String groupId) throws Exception {
        JoinGroupResponse first = client.call(join(groupId, ""), 5);
        JoinGroupResponse joined = client.call(join(groupId, first.memberId()), 5);
        assertEquals(ErrorCode.NONE.code(), joined.errorCode());
        SyncGroupResponse synced = client.call(sync(groupId, joined.memberId(), 1, Map.of(joined.memberId(), "all")), 5);
        assertEquals(ErrorCode.NONE.code(), synced.errorCode());
        return joined.memberId();
    }

    private static OffsetFetchRequest fetchV1(String groupId, String topic, Integer... partitions) {
        return new OffsetFetchRequest().setGroupId(groupId).setTopics(List.of(
                new OffsetFetchRequestTopic().setName(topic).setPartitionIndexes(List.of(partitions))));
    }

    private static List<OffsetFetchResponsePartition> fetchAllV7(GroupWireClient client, String groupId) throws Exception {
        OffsetFetchResponse response = client.call(new OffsetFetchRequest().setGroupId(groupId).setTopics(null).setRequireStable(true), 7);
        assertEquals(ErrorCode.NONE.code(), response.errorCode());
        List<OffsetFetchResponsePartition> all = new ArrayList<>();
        response.topics().forEach(topic -> all.addAll(topic.partitions()));
        return all;
    }

    private static void assertAllNone(OffsetCommitResponse response) {
        response.topics().forEach(topic -> topic.partitions().forEach(
                partition -> assertEquals(ErrorCode.NONE.code(), partition.errorCode(), "partition " + partition.partitionIndex())));
    }

    private static ErrorCode firstError(OffsetCommitResponse response) {
        return ErrorCode.forCode(response.topics().get(0).partitions().get(0).errorCode());
    }

    /** @return "offset/metadata/error" per partition */
    private static List<String> describe(List<OffsetFetchResponsePartition> partitions) {
        return partitions.stream().map(p -> p.committedOffset() + "/" + p.metadata() + "/" + p.errorCode()).toList();
    }

    private static List<String> describeV8(List<OffsetFetchResponsePartitions> partitions) {
        return partitions.stream().map(p -> p.committedOffset() + "/" + p.metadata() + "/" + p.errorCode()).toList();
    }
}
