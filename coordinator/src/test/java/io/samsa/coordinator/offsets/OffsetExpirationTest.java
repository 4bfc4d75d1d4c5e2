package io.samsa.coordinator.offsets;

import static io.samsa.coordinator.TestGroups.subscriber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.TestGroups;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OffsetExpirationTest {
    private static final long RETENTION_MS = 60_000L;
    private static final long CHECK_MS = 1_000L;
    private static final Map<String, String> SETTINGS = Map.of(
            GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, "1",
            GroupCoordinatorConfig.OFFSETS_RETENTION_MINUTES, "1",
            GroupCoordinatorConfig.OFFSETS_RETENTION_CHECK_INTERVAL_MS, Long.toString(CHECK_MS));

    private static GroupCoordinatorTestContext context(Map<String, String> extra) {
        Map<String, String> all = new java.util.HashMap<>(SETTINGS);
        all.putAll(extra);
        return new GroupCoordinatorTestContext(GroupCoordinatorConfig.fromProperties(all));
    }

    private static void commit(GroupCoordinatorTestContext ctx, String group, String topic, int partition) {
        ctx.write(0, (shard, now) -> CoordinatorResult.records(List.of(OffsetCommitRecords.newOffsetCommitRecord(
                group, topic, partition, CommittedOffset.of(1, 0, "", now))))).join();
    }

    private static void writeGroup(GroupCoordinatorTestContext ctx, ClassicGroup group) {
        ctx.write(0, (shard, now) -> CoordinatorResult.records(List.of(GroupCoordinatorRecords.newGroupMetadataRecord(group)))).join();
    }

    private static boolean has(GroupCoordinatorTestContext ctx, String group, String topic) {
        return ctx.shard(0).offsets().offset(group, new TopicPartition(topic, 0)) != null;
    }

    @Test
    void standaloneOffsetsExpireRetentionAfterTheirCommit() {
        try (GroupCoordinatorTestContext ctx = context(Map.of())) {
            ctx.load(0);
            commit(ctx, "solo", "t", 0);
            ctx.sleep(RETENTION_MS - CHECK_MS);
            assertTrue(has(ctx, "solo", "t"));
            ctx.sleep(CHECK_MS);
            assertFalse(has(ctx, "solo", "t"));
            assertFalse(ctx.shard(0).offsets().hasOffsets("solo"));
        }
    }

    @Test
    void anEmptyGroupKeepsItsOffsetsForRetentionAfterItBecameEmptyThenDisappears() {
        try (GroupCoordinatorTestContext ctx = context(Map.of())) {
            ctx.load(0);
            ClassicGroup stable = TestGroups.stableGroup("g", ctx.time.milliseconds(), subscriber("a", "orders"));
            writeGroup(ctx, stable);
            commit(ctx, "g", "orders", 0);
            ctx.sleep(5 * RETENTION_MS);
            assertTrue(has(ctx, "g", "orders"), "a Stable group's subscribed offsets never expire");

            long emptiedAtMs = ctx.time.milliseconds();
            writeGroup(ctx, stable.transitionTo(ClassicGroupState.PREPARING_REBALANCE, emptiedAtMs)
                    .withoutMember("a").withNextGeneration(emptiedAtMs));
            ctx.sleep(RETENTION_MS - CHECK_MS);
            assertTrue(has(ctx, "g", "orders"), "retention counts from when the group became Empty");
            assertNotNull(ctx.shard(0).groups().group("g"));
            ctx.sleep(CHECK_MS);
            assertFalse(has(ctx, "g", "orders"));
            assertNull(ctx.shard(0).groups().group("g"), "an Empty group without offsets is removed with a tombstone");
        }
    }

    @Test
    void aStableGroupLosesOnlyOffsetsOfTopicsNobodySubscribesTo() {
        try (GroupCoordinatorTestContext ctx = context(Map.of())) {
            ctx.load(0);
            writeGroup(ctx, TestGroups.stableGroup("g", ctx.time.milliseconds(), subscriber("a", "orders")));
            commit(ctx, "g", "orders", 0);
            commit(ctx, "g", "retired", 0);
            ctx.sleep(RETENTION_MS);
            assertTrue(has(ctx, "g", "orders"));
            assertFalse(has(ctx, "g", "retired"));
            assertNotNull(ctx.shard(0).groups().group("g"));
        }
    }

    @Test
    void anExplicitExpiryWins() {
        try (GroupCoordinatorTestContext ctx = context(Map.of())) {
            ctx.load(0);
            ctx.write(0, (shard, now) -> CoordinatorResult.records(List.of(OffsetCommitRecords.newOffsetCommitRecord(
                    "solo", "t", 0, new CommittedOffset(1, 0, "", now, OptionalLong.of(now + 2 * CHECK_MS)))))).join();
            ctx.sleep(CHECK_MS);
            assertTrue(has(ctx, "solo", "t"));
            ctx.sleep(CHECK_MS);
            assertFalse(has(ctx, "solo", "t"));
        }
    }

    @Test
    void aLargeBacklogIsExpiredInSeveralBoundedWrites() {
        try (GroupCoordinatorTestContext ctx = context(Map.of(GroupCoordinatorConfig.MAX_WRITE_BYTES, "200"))) {
            ctx.load(0);
            for (int i = 0; i < 30; i++) {
                commit(ctx, "solo", "t" + i, 0);
            }
            int before = ctx.log.records(0).size();
            ctx.sleep(RETENTION_MS);
            int left = ctx.shard(0).offsets().offsets("solo").size();
            assertTrue(left > 0 && left < 30, "the first write expired some, not all: " + left + " left");
            int rounds = 0;
            while (ctx.shard(0).offsets().hasOffsets("solo") && rounds++ < 20) {
                ctx.sleep(0); // the next run was scheduled at once, not after the check interval
            }
            assertFalse(ctx.shard(0).offsets().hasOffsets("solo"));
            List<Integer> sizes = new ArrayList<>();
            ctx.log.records(0).subList(before, ctx.log.records(0).size()).forEach(r -> sizes.add(r.sizeInBytes()));
            assertEquals(30, sizes.size(), "one tombstone per offset");
        }
    }
}
