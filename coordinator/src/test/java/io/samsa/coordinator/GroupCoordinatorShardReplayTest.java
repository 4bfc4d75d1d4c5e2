package io.samsa.coordinator;

import static io.samsa.coordinator.TestGroups.member;
import static io.samsa.coordinator.TestGroups.staticMember;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.offsets.CommittedOffset;
import io.samsa.coordinator.offsets.OffsetCommitRecords;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupCoordinatorShardReplayTest {

    @Test
    void replayBuildsGroupsAndOffsetsAndTombstonesDeleteThem() {
        ClassicGroup group = TestGroups.stableGroup("g1", 10L, member("a", "range"), member("b", "range"));
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.seed(0,
                    GroupCoordinatorRecords.newGroupMetadataRecord(group),
                    OffsetCommitRecords.newOffsetCommitRecord("g1", "t", 0, CommittedOffset.of(5, 1, "", 10L)),
                    OffsetCommitRecords.newOffsetCommitRecord("g1", "t", 1, CommittedOffset.of(6, 1, "", 10L)),
                    OffsetCommitRecords.newOffsetCommitRecord("g1", "t", 0, CommittedOffset.of(7, 2, "x", 11L)),
                    OffsetCommitRecords.newOffsetCommitRecord("g2", "u", 0, CommittedOffset.of(1, -1, "", 12L)));
            ctx.load(0);
            GroupCoordinatorShard shard = ctx.shard(0);
            assertEquals(group, shard.groups().group("g1"));
            assertEquals(CommittedOffset.of(7, 2, "x", 11L), shard.offsets().offset("g1", new TopicPartition("t", 0)));
            assertEquals(2, shard.offsets().offsets("g1").size());
            assertTrue(shard.offsets().hasOffsets("g2"));

            ctx.write(0, (s, now) -> CoordinatorResult.of(List.of(
                    GroupCoordinatorRecords.newGroupMetadataTombstoneRecord("g1"),
                    OffsetCommitRecords.newOffsetCommitTombstoneRecord("g1", "t", 0),
                    OffsetCommitRecords.newOffsetCommitTombstoneRecord("g2", "u", 0),
                    OffsetCommitRecords.newOffsetCommitTombstoneRecord("never", "t", 9)), "ok")).join();

            assertNull(shard.groups().group("g1"));
            assertNull(shard.offsets().offset("g1", new TopicPartition("t", 0)));
            assertEquals(1, shard.offsets().offsets("g1").size());
            assertFalse(shard.offsets().hasOffsets("g2"), "a group's last offset removed removes the group entry");
        }
    }

    @Test
    void stateRebuiltByReplayingTheLogEqualsTheStateBefore() {
        try (GroupCoordinatorTestContext first = new GroupCoordinatorTestContext()) {
            first.load(3);
            long now = first.time.milliseconds();
            ClassicGroup g = ClassicGroup.empty("g", now).withProtocolType("consumer")
                    .withMember(member("a", "range", "roundrobin"))
                    .transitionTo(ClassicGroupState.PREPARING_REBALANCE, now);
            writeAll(first, 3, GroupCoordinatorRecords.newGroupMetadataRecord(g));
            g = g.withMember(staticMember("b", "instance-b", "roundrobin")).withNextGeneration(now + 1);
            writeAll(first, 3, GroupCoordinatorRecords.newGroupMetadataRecord(g));
            for (int i = 0; i < 20; i++) {
                writeAll(first, 3, OffsetCommitRecords.newOffsetCommitRecord("g", "t" + i % 3, i, CommittedOffset.of(i, 0, "m" + i, now + i)));
            }
            writeAll(first, 3, OffsetCommitRecords.newOffsetCommitTombstoneRecord("g", "t0", 0),
                    GroupCoordinatorRecords.newGroupMetadataRecord(g.withoutMember("a")),
                    GroupCoordinatorRecords.newGroupMetadataRecord(ClassicGroup.empty("other", now)),
                    GroupCoordinatorRecords.newGroupMetadataTombstoneRecord("other"));

            GroupCoordinatorShard before = first.shard(3);
            try (GroupCoordinatorTestContext second = new GroupCoordinatorTestContext()) {
                second.log.seed(3, first.log.records(3));
                second.load(3);
                GroupCoordinatorShard after = second.shard(3);
                assertEquals(before.groups().toMap(), after.groups().toMap());
                assertEquals(before.offsets().toMap(), after.offsets().toMap());
                assertEquals(1, after.groups().size());
                assertEquals(19, after.offsets().offsets("g").size());
            }
        }
    }

    private static void writeAll(GroupCoordinatorTestContext ctx, int partition, CoordinatorRecord... records) {
        List<CoordinatorRecord> list = new ArrayList<>(List.of(records));
        ctx.write(partition, (shard, now) -> CoordinatorResult.records(list)).join();
    }
}
