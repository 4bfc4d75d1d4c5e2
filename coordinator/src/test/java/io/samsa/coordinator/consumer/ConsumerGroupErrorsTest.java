package io.samsa.coordinator.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.TestGroups;
import io.samsa.coordinator.classic.JoinGroupRequest;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.group.MemberProtocol;
import io.samsa.coordinator.offsets.OffsetCommitRequest;
import io.samsa.coordinator.offsets.OffsetCommitResponse;
import io.samsa.coordinator.offsets.OffsetFetchRequest;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The refusals of ConsumerGroupHeartbeat and of offset commits and fetches in consumer groups. */
class ConsumerGroupErrorsTest extends ConsumerGroupTestSupport {

    @Test
    void malformedHeartbeatsAreInvalidRequests() {
        topics.create("t", 1);
        try (GroupCoordinatorTestContext ctx = context()) {
            assertEquals(ErrorCode.INVALID_REQUEST, heartbeat(ctx, new ConsumerGroupHeartbeatRequest(GROUP, "a", 0, null, null, -1,
                    List.of("t"), null, null, Assignment.EMPTY, "c", "h", (short) 1)).error(), "join without rebalance timeout");
            assertEquals(ErrorCode.INVALID_REQUEST, heartbeat(ctx, request("a", 0, null, null, null, Assignment.EMPTY)).error(),
                    "join without a subscription");
            assertEquals(ErrorCode.INVALID_REQUEST, heartbeat(ctx, join("", List.of("t"))).error(), "v1 without member id");
            assertEquals(ErrorCode.INVALID_REQUEST, heartbeat(ctx, request("a", -2, null, null, null, null)).error(),
                    "static leave without instance id");
            assertEquals(ErrorCode.INVALID_GROUP_ID, heartbeat(ctx, new ConsumerGroupHeartbeatRequest("", "a", 0, null, null, 5000,
                    List.of("t"), null, null, Assignment.EMPTY, "c", "h", (short) 1)).error());
        }
    }

    @Test
    void unknownAssignorsAndBadRegexesAreRefused() {
        try (GroupCoordinatorTestContext ctx = context()) {
            assertEquals(ErrorCode.UNSUPPORTED_ASSIGNOR, heartbeat(ctx, new ConsumerGroupHeartbeatRequest(GROUP, "a", 0, null, null,
                    5000, List.of("t"), null, "sticky", Assignment.EMPTY, "c", "h", (short) 1)).error());
            assertEquals(ErrorCode.INVALID_REGULAR_EXPRESSION, heartbeat(ctx, joinRegex("a", "orders-(")).error());
        }
    }

    @Test
    void wrongEpochsAndUnknownMembersAreFenced() {
        topics.create("t", 2);
        try (GroupCoordinatorTestContext ctx = context()) {
            ok(ctx, join("a", List.of("t")));
            assertEquals(ErrorCode.FENCED_MEMBER_EPOCH, heartbeat(ctx, beat("a", 7, null)).error());
            assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, heartbeat(ctx, beat("nobody", 1, null)).error());
            assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, heartbeat(ctx, beat("nobody", -1, null)).error());
            if (ctx.service.partitionFor("other") != ctx.service.partitionFor(GROUP)) {
                ctx.load(ctx.service.partitionFor("other"));
            }
            assertEquals(ErrorCode.GROUP_ID_NOT_FOUND, heartbeat(ctx, new ConsumerGroupHeartbeatRequest("other", "x", 3, null, null,
                    -1, null, null, null, null, "c", "h", (short) 1)).error());
        }
    }

    @Test
    void groupMaxSizeIsEnforced() {
        topics.create("t", 2);
        try (GroupCoordinatorTestContext ctx = context(Map.of(ConsumerGroupConfig.MAX_SIZE, "2"))) {
            ok(ctx, join("a", List.of("t")));
            ok(ctx, join("b", List.of("t")));
            assertEquals(ErrorCode.GROUP_MAX_SIZE_REACHED, heartbeat(ctx, join("c", List.of("t"))).error());
            ok(ctx, join("a", List.of("t"))); // an existing member rejoining is no new member
        }
    }

    @Test
    void aClassicJoinWithoutAReadableSubscriptionCannotEnterAConsumerGroup() {
        try (GroupCoordinatorTestContext ctx = context()) {
            ok(ctx, join("a", List.of("t")));
            JoinGroupRequest classicJoin = new JoinGroupRequest(GROUP, "", null, "consumer",
                    List.of(new MemberProtocol("range", ByteString.EMPTY)), 10_000, 10_000, "client", "/h", (short) 9);
            assertEquals(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, ctx.await(ctx.service.joinGroup(classicJoin)).error());
        }
    }

    @Test
    void aConsumerMemberCannotUpgradeAClassicGroupWithUnreadableSubscriptionsButReplacesAnEmptyOne() {
        GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext(config(Map.of()), topics);
        try (ctx) {
            int partition = ctx.service.partitionFor(GROUP);
            int emptyPartition = ctx.service.partitionFor("empty-classic");
            CoordinatorRecord active = GroupCoordinatorRecords.newGroupMetadataRecord(TestGroups.stableGroup(GROUP, 10L,
                    TestGroups.member("classic-1", "range")));
            CoordinatorRecord empty = GroupCoordinatorRecords.newGroupMetadataRecord(ClassicGroup.empty("empty-classic", 10L));
            if (partition == emptyPartition) {
                ctx.seed(partition, active, empty).load(partition);
            } else {
                ctx.seed(partition, active).seed(emptyPartition, empty).load(partition).load(emptyPartition);
            }
            // classic-1's metadata is no ConsumerProtocolSubscription, so the group cannot be upgraded online
            ConsumerGroupHeartbeatResponse refused = heartbeat(ctx, join("a", List.of("t")));
            assertEquals(ErrorCode.GROUP_ID_NOT_FOUND, refused.error());
            assertNotNull(ctx.shard(partition).groups().group(GROUP), "the classic group stays");
            assertEquals("Group g is not a consumer group.", refused.errorMessage());

            ConsumerGroupHeartbeatResponse taken = ctx.await(ctx.service.consumerGroupHeartbeat(new ConsumerGroupHeartbeatRequest(
                    "empty-classic", "a", 0, null, null, 5000, List.of("t"), null, null, Assignment.EMPTY, "c", "h", (short) 1)));
            assertEquals(ErrorCode.NONE, taken.error());
            assertNull(ctx.shard(emptyPartition).groups().group("empty-classic"), "the empty classic group was replaced");
            assertNotNull(ctx.shard(emptyPartition).consumerGroups().group("empty-classic"));
        }
    }

    @Test
    void commitsAndFetchesAreCheckedAgainstTheMemberEpoch() {
        topics.create("t", 2);
        try (GroupCoordinatorTestContext ctx = context()) {
            ok(ctx, join("a", List.of("t")));
            assertEquals(ErrorCode.NONE, commit(ctx, "a", 1, (short) 9));
            assertEquals(ErrorCode.STALE_MEMBER_EPOCH, commit(ctx, "a", 0, (short) 9));
            assertEquals(ErrorCode.STALE_MEMBER_EPOCH, commit(ctx, "a", 2, (short) 9));
            assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, commit(ctx, "nobody", 1, (short) 9));
            assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, commit(ctx, "", -1, (short) 9), "admin commits need an empty group");
            assertEquals(ErrorCode.UNSUPPORTED_VERSION, commit(ctx, "a", 1, (short) 8));

            TopicPartition tp = new TopicPartition("t", 0);
            assertEquals(ErrorCode.NONE, ctx.await(ctx.service.fetchOffsets(new OffsetFetchRequest(GROUP, List.of(tp), "a", 1))).error());
            assertEquals(42L, ctx.await(ctx.service.fetchOffsets(new OffsetFetchRequest(GROUP, List.of(tp)))).partitions().get(0).offset());
            assertEquals(ErrorCode.STALE_MEMBER_EPOCH,
                    ctx.await(ctx.service.fetchOffsets(new OffsetFetchRequest(GROUP, List.of(tp), "a", 0))).error());
            assertEquals(ErrorCode.UNKNOWN_MEMBER_ID,
                    ctx.await(ctx.service.fetchOffsets(new OffsetFetchRequest(GROUP, List.of(tp), "zz", 1))).error());

            ok(ctx, beat("a", -1, null));
            assertEquals(ErrorCode.NONE, commit(ctx, "", -1, (short) 9), "an empty consumer group takes admin commits");
        }
    }

    private static ErrorCode commit(GroupCoordinatorTestContext ctx, String memberId, int epoch, short version) {
        OffsetCommitResponse response = ctx.await(ctx.service.commitOffsets(new OffsetCommitRequest(GROUP, memberId, epoch, null,
                OffsetCommitRequest.DEFAULT_RETENTION, version, List.of(new OffsetCommitRequest.PartitionCommit("t", 0, 42, -1, "")))));
        return response.partitions().get(0).error();
    }
}
