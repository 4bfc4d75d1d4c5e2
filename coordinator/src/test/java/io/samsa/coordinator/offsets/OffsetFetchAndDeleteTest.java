package io.samsa.coordinator.offsets;

import static io.samsa.coordinator.TestGroups.member;
import static io.samsa.coordinator.TestGroups.subscriber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.TestGroups;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffsetFetchAndDeleteTest {
    private static final GroupCoordinatorConfig ONE_PARTITION = GroupCoordinatorConfig.fromProperties(Map.of(
            GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, "1"));

    private final GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext(ONE_PARTITION);

    @AfterEach
    void close() {
        ctx.close();
    }

    private static CoordinatorRecord offset(String group, String topic, int partition, long offset) {
        return OffsetCommitRecords.newOffsetCommitRecord(group, topic, partition, CommittedOffset.of(offset, 1, "m" + offset, 7L));
    }

    private void load(ClassicGroup group, CoordinatorRecord... offsets) {
        List<CoordinatorRecord> records = new ArrayList<>(List.of(offsets));
        if (group != null) {
            records.add(0, GroupCoordinatorRecords.newGroupMetadataRecord(group));
        }
        ctx.seed(0, records.toArray(new CoordinatorRecord[0])).load(0);
    }

    @Test
    void fetchAnswersMinusOneForPartitionsWithoutACommit() {
        load(null, offset("g", "t", 0, 10));
        OffsetFetchResponse response = ctx.await(ctx.service.fetchOffsets(new OffsetFetchRequest("g",
                List.of(new TopicPartition("t", 0), new TopicPartition("t", 1)))));
        assertEquals(ErrorCode.NONE, response.error());
        assertEquals(List.of(
                new OffsetFetchResponse.PartitionOffset("t", 0, 10, 1, "m10", ErrorCode.NONE),
                new OffsetFetchResponse.PartitionOffset("t", 1, -1, -1, "", ErrorCode.NONE)), response.partitions());
    }

    @Test
    void fetchingAllPartitionsListsEveryCommitSorted() {
        load(null, offset("g", "b", 1, 4), offset("g", "a", 2, 3), offset("g", "b", 0, 2), offset("other", "a", 0, 1));
        OffsetFetchResponse response = ctx.await(ctx.service.fetchOffsets(OffsetFetchRequest.allPartitions("g")));
        assertEquals(List.of("a-2", "b-0", "b-1"), response.partitions().stream()
                .map(p -> p.topic() + "-" + p.partition()).toList());
        assertEquals(List.of(), ctx.await(ctx.service.fetchOffsets(OffsetFetchRequest.allPartitions("unknown"))).partitions());
        assertEquals(ErrorCode.INVALID_GROUP_ID, ctx.await(ctx.service.fetchOffsets(OffsetFetchRequest.allPartitions(""))).error());
    }

    @Test
    void deleteNeedsAGroupThatExists() {
        load(null);
        OffsetDeleteResponse response = ctx.await(ctx.service.deleteOffsets(new OffsetDeleteRequest("nope", List.of(new TopicPartition("t", 0)))));
        assertEquals(ErrorCode.GROUP_ID_NOT_FOUND, response.error());
    }

    @Test
    void deleteRemovesStandaloneOffsetsAndReportsEveryPartition() {
        load(null, offset("g", "t", 0, 10), offset("g", "t", 1, 11));
        OffsetDeleteResponse response = ctx.await(ctx.service.deleteOffsets(new OffsetDeleteRequest("g",
                List.of(new TopicPartition("t", 0), new TopicPartition("t", 5)))));
        assertEquals(ErrorCode.NONE, response.error());
        assertEquals(List.of(new PartitionResult("t", 0, ErrorCode.NONE), new PartitionResult("t", 5, ErrorCode.NONE)),
                response.partitions());
        assertNull(ctx.shard(0).offsets().offset("g", new TopicPartition("t", 0)));
        assertNotNull(ctx.shard(0).offsets().offset("g", new TopicPartition("t", 1)));
        assertEquals(1, ctx.log.records(0).size() - 2, "one tombstone appended, none for the partition without a commit");
    }

    @Test
    void aStableConsumerGroupKeepsOffsetsOfSubscribedTopics() {
        load(TestGroups.stableGroup("g", 0L, subscriber("a", "orders"), subscriber("b", "orders", "audit")),
                offset("g", "orders", 0, 1), offset("g", "audit", 0, 2), offset("g", "old", 0, 3));
        OffsetDeleteResponse response = ctx.await(ctx.service.deleteOffsets(new OffsetDeleteRequest("g", List.of(
                new TopicPartition("orders", 0), new TopicPartition("audit", 0), new TopicPartition("old", 0)))));
        assertEquals(List.of(
                new PartitionResult("orders", 0, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC),
                new PartitionResult("audit", 0, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC),
                new PartitionResult("old", 0, ErrorCode.NONE)), response.partitions());
        assertNotNull(ctx.shard(0).offsets().offset("g", new TopicPartition("orders", 0)));
        assertNull(ctx.shard(0).offsets().offset("g", new TopicPartition("old", 0)));
    }

    @Test
    void aNonEmptyGroupOfAnotherProtocolTypeCannotDeleteOffsets() {
        ClassicGroup connect = TestGroups.stableGroup("g", 0L, member("a", "v1")).withProtocolType("connect");
        load(connect, offset("g", "t", 0, 1));
        assertEquals(ErrorCode.NON_EMPTY_GROUP, ctx.await(ctx.service.deleteOffsets(
                new OffsetDeleteRequest("g", List.of(new TopicPartition("t", 0))))).error());
    }
}
