package io.samsa.coordinator.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.records.CoordinatorRecordSerde;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every consumer-group record replays to the state it describes, and a restart rebuilds the state. */
class ConsumerGroupReplayTest extends ConsumerGroupTestSupport {

    @Test
    void everyRecordTypeRoundTripsAndReplays() {
        Uuid t = topics.create("t", 4);
        ConsumerGroupMember member = new ConsumerGroupMember("m", "instance", "rack", "client", "/10.0.0.1", List.of("t"),
                "t.*", 3000, "range", 5, 4, MemberState.UNREVOKED_PARTITIONS, partitions(t, 0, 1), partitions(t, 2), null);
        List<CoordinatorRecord> records = List.of(
                ConsumerGroupRecords.newGroupMetadataRecord(GROUP, 5, 1234L),
                ConsumerGroupRecords.newMemberMetadataRecord(GROUP, member),
                ConsumerGroupRecords.newTargetAssignmentRecord(GROUP, "m", partitions(t, 0, 1, 3)),
                ConsumerGroupRecords.newTargetAssignmentEpochRecord(GROUP, 5),
                ConsumerGroupRecords.newCurrentAssignmentRecord(GROUP, member));
        for (CoordinatorRecord record : records) {
            assertEquals(record, CoordinatorRecordSerde.deserialize(CoordinatorRecordSerde.serialize(record)));
        }
        try (GroupCoordinatorTestContext ctx = context()) {
            int partition = ctx.service.partitionFor(GROUP);
            ctx.write(partition, (shard, now) -> CoordinatorResult.records(records)).join();
            ConsumerGroup group = group(ctx);
            assertEquals(5, group.groupEpoch());
            assertEquals(1234L, group.metadataHash());
            assertEquals(5, group.targetAssignmentEpoch());
            assertEquals(member, group.member("m"));
            assertEquals("m", group.memberIdOfInstance("instance"));
            assertEquals(partitions(t, 0, 1, 3), group.targetAssignment("m"));
            assertEquals(ConsumerGroupState.RECONCILING, group.state());

            ctx.write(partition, (shard, now) -> CoordinatorResult.records(List.of(
                    ConsumerGroupRecords.newCurrentAssignmentTombstoneRecord(GROUP, "m"),
                    ConsumerGroupRecords.newTargetAssignmentTombstoneRecord(GROUP, "m"),
                    ConsumerGroupRecords.newMemberMetadataTombstoneRecord(GROUP, "m")))).join();
            assertNull(group(ctx).member("m"));
            assertNull(group(ctx).memberIdOfInstance("instance"));
            assertEquals(ConsumerGroupState.EMPTY, group(ctx).state());
            ctx.write(partition, (shard, now) -> CoordinatorResult.records(List.of(
                    ConsumerGroupRecords.newTargetAssignmentEpochTombstoneRecord(GROUP),
                    ConsumerGroupRecords.newGroupMetadataTombstoneRecord(GROUP)))).join();
            assertNull(group(ctx));
        }
    }

    @Test
    void aRestartedCoordinatorRebuildsTheSameGroupFromTheLog() {
        topics.create("t", 6);
        try (GroupCoordinatorTestContext first = context()) {
            Map<String, Assignment> owned = new HashMap<>();
            owned.put("a", ok(first, join("a", List.of("t"))).assignment());
            owned.put("b", ok(first, joinStatic("b", "instance-b", List.of("t"))).assignment());
            ok(first, beat("a", 1, null)); // a is revoking: the snapshot is mid-reconciliation
            int partition = first.service.partitionFor(GROUP);
            ConsumerGroup before = group(first);
            try (GroupCoordinatorTestContext second = new GroupCoordinatorTestContext(config(Map.of()), topics)) {
                second.log.seed(partition, first.log.records(partition));
                second.load(partition);
                ConsumerGroup after = group(second);
                assertEquals(before.groupEpoch(), after.groupEpoch());
                assertEquals(before.metadataHash(), after.metadataHash());
                assertEquals(before.targetAssignmentEpoch(), after.targetAssignmentEpoch());
                assertEquals(before.targetAssignment(), after.targetAssignment());
                assertEquals(before.state(), after.state());
                for (ConsumerGroupMember member : before.members()) {
                    assertEquals(member, after.member(member.memberId()));
                }
                assertEquals(before.size(), after.size());
                assertEquals("b", after.memberIdOfInstance("instance-b"));
                second.sleep(SESSION_TIMEOUT_MS + 100);
                assertEquals(ConsumerGroupState.EMPTY, group(second).state(), "loading restarted the members' sessions");
            }
        }
    }

    @Test
    void aFailedAppendRevertsTheGroup() {
        topics.create("t", 2);
        try (GroupCoordinatorTestContext ctx = context()) {
            ok(ctx, join("a", List.of("t")));
            int epoch = group(ctx).groupEpoch();
            ctx.log.failNextAppend(new IllegalStateException("disk"));
            ConsumerGroupHeartbeatResponse failed = heartbeat(ctx, join("b", List.of("t")));
            assertEquals(ErrorCode.COORDINATOR_NOT_AVAILABLE, failed.error());
            assertNull(member(ctx, "b"));
            assertEquals(epoch, group(ctx).groupEpoch());
        }
    }
}
