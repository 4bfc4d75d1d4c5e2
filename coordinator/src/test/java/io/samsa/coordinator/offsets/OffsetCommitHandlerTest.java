package io.samsa.coordinator.offsets;

import static io.samsa.coordinator.TestGroups.member;
import static io.samsa.coordinator.TestGroups.staticMember;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.TestGroups;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffsetCommitHandlerTest {
    private static final GroupCoordinatorConfig ONE_PARTITION = GroupCoordinatorConfig.fromProperties(Map.of(
            GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, "1",
            GroupCoordinatorConfig.OFFSET_METADATA_MAX_BYTES, "10"));
    private static final TopicPartition TP = new TopicPartition("t", 0);

    private final GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext(ONE_PARTITION);

    @AfterEach
    void close() {
        ctx.close();
    }

    private static OffsetCommitRequest commit(String groupId, String memberId, int generation, String instanceId, short version) {
        return new OffsetCommitRequest(groupId, memberId, generation, instanceId, OffsetCommitRequest.DEFAULT_RETENTION, version,
                List.of(new OffsetCommitRequest.PartitionCommit("t", 0, 42, 3, null)));
    }

    private ErrorCode commitError(OffsetCommitRequest request) {
        OffsetCommitResponse response = ctx.await(ctx.service.commitOffsets(request));
        assertEquals(request.partitions().size(), response.partitions().size());
        return response.partitions().get(0).error();
    }

    private void seedAndLoad(ClassicGroup group) {
        ctx.seed(0, GroupCoordinatorRecords.newGroupMetadataRecord(group)).load(0);
    }

    @Test
    void aStandaloneConsumerCommitsWithoutAGroup() {
        ctx.load(0);
        assertEquals(ErrorCode.NONE, commitError(commit("solo", "", -1, null, (short) 8)));
        CommittedOffset stored = ctx.shard(0).offsets().offset("solo", TP);
        assertEquals(new CommittedOffset(42, 3, "", ctx.time.milliseconds(), OptionalLong.empty()), stored);
        assertEquals(null, ctx.shard(0).groups().group("solo"), "no group metadata is invented");
    }

    @Test
    void aMissingGroupWithAGenerationIsIllegalGenerationBeforeV9AndNotFoundAfter() {
        ctx.load(0);
        assertEquals(ErrorCode.ILLEGAL_GENERATION, commitError(commit("ghost", "m", 1, null, (short) 8)));
        assertEquals(ErrorCode.GROUP_ID_NOT_FOUND, commitError(commit("ghost", "m", 1, null, (short) 9)));
        assertEquals(null, ctx.shard(0).offsets().offset("ghost", TP));
    }

    @Test
    void membersOfAStableGroupCommitOnlyWithTheirGeneration() {
        seedAndLoad(TestGroups.stableGroup("g", 0L, member("a", "range"), staticMember("s", "instance-s", "range")));
        assertEquals(ErrorCode.NONE, commitError(commit("g", "a", 1, null, (short) 8)));
        assertEquals(ErrorCode.NONE, commitError(commit("g", "s", 1, "instance-s", (short) 8)));
        assertEquals(ErrorCode.ILLEGAL_GENERATION, commitError(commit("g", "a", 2, null, (short) 8)));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, commitError(commit("g", "nobody", 1, null, (short) 8)));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, commitError(commit("g", "", -1, null, (short) 8)),
                "anonymous commits only while Empty");
        assertEquals(ErrorCode.FENCED_INSTANCE_ID, commitError(commit("g", "a", 1, "instance-s", (short) 8)));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, commitError(commit("g", "s", 1, "instance-unknown", (short) 8)));
    }

    @Test
    void emptyGroupsAcceptAnonymousCommitsAndRebalancingGroupsAnswerByState() {
        ClassicGroup stable = TestGroups.stableGroup("g", 0L, member("a", "range"));
        ClassicGroup completing = stable.transitionTo(ClassicGroupState.PREPARING_REBALANCE, 1L).withNextGeneration(2L);
        ClassicGroup preparing = stable.transitionTo(ClassicGroupState.PREPARING_REBALANCE, 1L);
        ClassicGroup empty = stable.transitionTo(ClassicGroupState.PREPARING_REBALANCE, 1L).withoutMember("a").withNextGeneration(2L);
        ctx.seed(0, GroupCoordinatorRecords.newGroupMetadataRecord(completing.withProtocolType("consumer")));
        ctx.load(0);
        assertEquals(ErrorCode.REBALANCE_IN_PROGRESS, commitError(commit("g", "a", 2, null, (short) 8)));

        ctx.write(0, (shard, now) -> io.samsa.coordinator.runtime.CoordinatorResult.records(
                List.of(GroupCoordinatorRecords.newGroupMetadataRecord(preparing))));
        assertEquals(ErrorCode.NONE, commitError(commit("g", "a", 1, null, (short) 8)),
                "the previous generation may still commit while the group prepares");

        ctx.write(0, (shard, now) -> io.samsa.coordinator.runtime.CoordinatorResult.records(
                List.of(GroupCoordinatorRecords.newGroupMetadataRecord(empty))));
        assertEquals(ErrorCode.NONE, commitError(commit("g", "", -1, null, (short) 8)));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, commitError(commit("g", "a", 2, null, (short) 8)));
    }

    @Test
    void oversizedMetadataFailsOnlyItsPartition() {
        ctx.load(0);
        OffsetCommitRequest request = new OffsetCommitRequest("g", "", -1, null, OffsetCommitRequest.DEFAULT_RETENTION, (short) 8, List.of(
                new OffsetCommitRequest.PartitionCommit("t", 0, 1, -1, "0123456789"),
                new OffsetCommitRequest.PartitionCommit("t", 1, 2, -1, "0123456789X")));
        OffsetCommitResponse response = ctx.await(ctx.service.commitOffsets(request));
        assertEquals(List.of(new PartitionResult("t", 0, ErrorCode.NONE),
                new PartitionResult("t", 1, ErrorCode.OFFSET_METADATA_TOO_LARGE)), response.partitions());
        assertEquals("0123456789", ctx.shard(0).offsets().offset("g", TP).metadata());
        assertEquals(null, ctx.shard(0).offsets().offset("g", new TopicPartition("t", 1)));
    }

    @Test
    void anExplicitRetentionSetsTheExpiry() {
        ctx.load(0);
        OffsetCommitRequest request = new OffsetCommitRequest("g", "", -1, null, 5_000L, (short) 2,
                List.of(new OffsetCommitRequest.PartitionCommit("t", 0, 1, -1, "")));
        ctx.await(ctx.service.commitOffsets(request));
        assertEquals(OptionalLong.of(ctx.time.milliseconds() + 5_000L), ctx.shard(0).offsets().offset("g", TP).expireTimestampMs());
    }

    @Test
    void coordinatorErrorsReachEveryPartition() {
        assertEquals(ErrorCode.NOT_COORDINATOR, commitError(commit("g", "", -1, null, (short) 8)));
        ctx.log.holdLoads(true);
        ctx.runtime.scheduleLoad(0);
        ctx.executor.runAll();
        assertEquals(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, commitError(commit("g", "", -1, null, (short) 8)));
        ctx.log.releaseLoad(0);
        ctx.executor.runAll();

        ctx.log.failNextAppend(new IllegalStateException("disk"));
        assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, commitError(commit("g", "", -1, null, (short) 8)));
        assertEquals(ErrorCode.INVALID_GROUP_ID, commitError(commit("", "", -1, null, (short) 8)));
        assertTrue(ctx.log.records(0).isEmpty());
    }

    @Test
    void aCommitTooLargeToAppendIsInvalidCommitOffsetSize() {
        GroupCoordinatorConfig tiny = GroupCoordinatorConfig.fromProperties(Map.of(
                GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, "1", GroupCoordinatorConfig.MAX_WRITE_BYTES, "100"));
        try (GroupCoordinatorTestContext small = new GroupCoordinatorTestContext(tiny)) {
            small.load(0);
            OffsetCommitRequest request = new OffsetCommitRequest("g", "", -1, null, -1, (short) 8, List.of(
                    new OffsetCommitRequest.PartitionCommit("t", 0, 1, -1, "m".repeat(50)),
                    new OffsetCommitRequest.PartitionCommit("t", 1, 1, -1, "m".repeat(50))));
            OffsetCommitResponse response = small.await(small.service.commitOffsets(request));
            assertTrue(response.partitions().stream().allMatch(p -> p.error() == ErrorCode.INVALID_COMMIT_OFFSET_SIZE));
        }
    }
}
