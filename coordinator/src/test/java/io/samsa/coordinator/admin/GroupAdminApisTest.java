package io.samsa.coordinator.admin;

import static io.samsa.coordinator.TestGroups.member;
import static io.samsa.coordinator.TestGroups.subscriber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.OffsetsTopicPartitioner;
import io.samsa.coordinator.TestGroups;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.offsets.CommittedOffset;
import io.samsa.coordinator.offsets.OffsetCommitRecords;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupAdminApisTest {
    private static final GroupCoordinatorConfig ONE_PARTITION = GroupCoordinatorConfig.fromProperties(Map.of(
            GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, "1"));

    private final GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext(ONE_PARTITION);
    private final ClassicGroup stable = TestGroups.stableGroup("stable", 0L, subscriber("a", "orders"), subscriber("b", "orders"));
    private final ClassicGroup preparing = TestGroups.stableGroup("preparing", 0L, member("c", "range"))
            .transitionTo(ClassicGroupState.PREPARING_REBALANCE, 1L);
    private final ClassicGroup empty = TestGroups.stableGroup("empty", 0L, member("d", "range"))
            .transitionTo(ClassicGroupState.PREPARING_REBALANCE, 1L).withoutMember("d").withNextGeneration(2L);

    @AfterEach
    void close() {
        ctx.close();
    }

    private void loadAll() {
        ctx.seed(0,
                GroupCoordinatorRecords.newGroupMetadataRecord(stable),
                GroupCoordinatorRecords.newGroupMetadataRecord(preparing),
                GroupCoordinatorRecords.newGroupMetadataRecord(empty),
                OffsetCommitRecords.newOffsetCommitRecord("empty", "t", 0, CommittedOffset.of(1, 0, "", 1L)),
                OffsetCommitRecords.newOffsetCommitRecord("solo", "t", 0, CommittedOffset.of(2, 0, "", 1L)));
        ctx.load(0);
    }

    @Test
    void listGroupsShowsEveryGroupIncludingOffsetsOnlyOnesAndFilters() {
        loadAll();
        ListGroupsResponse all = ctx.await(ctx.service.listGroups(ListGroupsRequest.all()));
        assertEquals(ErrorCode.NONE, all.error());
        assertEquals(List.of(
                new ListGroupsResponse.Listing("empty", "consumer", "Empty", "classic"),
                new ListGroupsResponse.Listing("preparing", "consumer", "PreparingRebalance", "classic"),
                new ListGroupsResponse.Listing("solo", "", "Empty", "classic"),
                new ListGroupsResponse.Listing("stable", "consumer", "Stable", "classic")), all.groups());

        assertEquals(List.of("stable"), ids(new ListGroupsRequest(Set.of("STABLE"), Set.of())));
        assertEquals(List.of("empty", "solo"), ids(new ListGroupsRequest(Set.of("empty"), Set.of("Classic"))));
        assertEquals(List.of(), ids(new ListGroupsRequest(Set.of(), Set.of("consumer"))));
    }

    private List<String> ids(ListGroupsRequest request) {
        return ctx.await(ctx.service.listGroups(request)).groups().stream().map(ListGroupsResponse.Listing::groupId).toList();
    }

    @Test
    void listGroupsReportsAPartitionStillLoading() {
        GroupCoordinatorConfig two = GroupCoordinatorConfig.fromProperties(Map.of(GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, "2"));
        try (GroupCoordinatorTestContext twoPartitions = new GroupCoordinatorTestContext(two)) {
            String onZero = OffsetsTopicPartitioner.partitionFor("a", 2) == 0 ? "a" : "b";
            twoPartitions.seed(0, GroupCoordinatorRecords.newGroupMetadataRecord(ClassicGroup.empty(onZero, 0L)));
            twoPartitions.load(0);
            twoPartitions.log.holdLoads(true);
            twoPartitions.runtime.scheduleLoad(1);
            twoPartitions.executor.runAll();

            ListGroupsResponse response = twoPartitions.await(twoPartitions.service.listGroups(ListGroupsRequest.all()));
            assertEquals(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, response.error());
            assertEquals(List.of(onZero), response.groups().stream().map(ListGroupsResponse.Listing::groupId).toList());
        }
    }

    @Test
    void describeShowsProtocolDataOnlyWhenStable() {
        loadAll();
        List<DescribedGroup> described = ctx.await(ctx.service.describeGroups(List.of("stable", "preparing", "solo"), (short) 5));
        DescribedGroup s = described.get(0);
        assertEquals("Stable", s.state());
        assertEquals("range", s.protocolName());
        assertEquals(List.of("a", "b"), s.members().stream().map(DescribedGroup.Member::memberId).toList());
        assertEquals(TestGroups.subscription("orders"), s.members().get(0).metadata());
        assertEquals(ByteString.copyFromUtf8("assignment-a"), s.members().get(0).assignment());

        DescribedGroup p = described.get(1);
        assertEquals("PreparingRebalance", p.state());
        assertEquals("", p.protocolName());
        assertTrue(p.members().get(0).metadata().isEmpty() && p.members().get(0).assignment().isEmpty());

        assertEquals(new DescribedGroup("solo", ErrorCode.NONE, "Empty", "", "", List.of()), described.get(2));
    }

    @Test
    void describeAnswersUnknownAndInvalidGroupsPerVersionInRequestOrder() {
        loadAll();
        List<DescribedGroup> v5 = ctx.await(ctx.service.describeGroups(List.of("ghost", "", "stable"), (short) 5));
        assertEquals(List.of("ghost", "", "stable"), v5.stream().map(DescribedGroup::groupId).toList());
        assertEquals(ErrorCode.NONE, v5.get(0).error());
        assertEquals("Dead", v5.get(0).state());
        assertEquals(ErrorCode.INVALID_GROUP_ID, v5.get(1).error());
        assertEquals(ErrorCode.GROUP_ID_NOT_FOUND,
                ctx.await(ctx.service.describeGroups(List.of("ghost"), (short) 6)).get(0).error());

        ctx.runtime.scheduleUnload(0);
        assertEquals(ErrorCode.NOT_COORDINATOR,
                ctx.await(ctx.service.describeGroups(List.of("stable"), (short) 5)).get(0).error());
    }

    @Test
    void deleteGroupsRemovesEmptyGroupsWithTheirOffsetsOnly() {
        loadAll();
        Map<String, ErrorCode> result = ctx.await(ctx.service.deleteGroups(List.of("stable", "empty", "solo", "ghost", "")));
        assertEquals(List.of("stable", "empty", "solo", "ghost", ""), List.copyOf(result.keySet()));
        assertEquals(List.of(ErrorCode.NON_EMPTY_GROUP, ErrorCode.NONE, ErrorCode.NONE,
                ErrorCode.GROUP_ID_NOT_FOUND, ErrorCode.INVALID_GROUP_ID), List.copyOf(result.values()));
        assertNull(ctx.shard(0).groups().group("empty"));
        assertNull(ctx.shard(0).offsets().offset("empty", new TopicPartition("t", 0)));
        assertNull(ctx.shard(0).offsets().offset("solo", new TopicPartition("t", 0)));
        assertNotNull(ctx.shard(0).groups().group("stable"));
        assertEquals(List.of("preparing", "stable"), ids(ListGroupsRequest.all()));
    }
}
