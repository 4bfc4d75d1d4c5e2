package io.samsa.coordinator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.GroupCoordinatorShard;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.classic.GroupTimerKey;
import io.samsa.coordinator.offsets.CommittedOffset;
import io.samsa.coordinator.offsets.OffsetCommitRecords;
import io.samsa.coordinator.offsets.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CoordinatorTimerTest {
    private static final int P = 0;

    private final List<String> fired = new ArrayList<>();

    private TimerTask recording(String name) {
        return nowMs -> {
            fired.add(name);
            return CoordinatorResult.empty();
        };
    }

    private static void onShard(GroupCoordinatorTestContext ctx, Consumer<GroupCoordinatorShard> action) {
        ctx.write(P, (shard, now) -> {
            action.accept(shard);
            return CoordinatorResult.empty();
        }).join();
    }

    private static GroupTimerKey.MemberSession session(String member) {
        return new GroupTimerKey.MemberSession("g", member);
    }

    @Test
    void dueTimersFireInDeadlineOrderThenSchedulingOrder() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            onShard(ctx, shard -> {
                shard.timer().schedule(session("d"), 300, recording("d@300"));
                shard.timer().schedule(session("a"), 100, recording("a@100"));
                shard.timer().schedule(new GroupTimerKey.JoinPhase("g"), 200, recording("join@200"));
                shard.timer().schedule(session("b"), 100, recording("b@100"));
            });

            ctx.sleep(99);
            assertEquals(List.of(), fired);
            ctx.sleep(1);
            assertEquals(List.of("a@100", "b@100"), fired);
            ctx.sleep(1000);
            assertEquals(List.of("a@100", "b@100", "join@200", "d@300"), fired);
            ctx.sleep(1000);
            assertEquals(4, fired.size(), "a timer fires once");
        }
    }

    @Test
    void replacedAndCancelledTimersDoNotFire() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            onShard(ctx, shard -> {
                shard.timer().schedule(session("a"), 100, recording("old"));
                shard.timer().schedule(session("a"), 200, recording("new"));
                shard.timer().schedule(session("b"), 50, recording("cancelled"));
                shard.timer().cancel(session("b"));
                assertFalse(shard.timer().isScheduled(session("b")));
                assertTrue(shard.timer().isScheduled(session("a")));
            });
            ctx.sleep(150);
            assertEquals(List.of(), fired);
            ctx.sleep(50);
            assertEquals(List.of("new"), fired);
        }
    }

    @Test
    void aTimerCanCancelAnotherThatIsDueInTheSameRound() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            onShard(ctx, shard -> {
                shard.timer().schedule(session("first"), 10, now -> {
                    fired.add("first");
                    shard.timer().cancel(session("second"));
                    return CoordinatorResult.empty();
                });
                shard.timer().schedule(session("second"), 20, recording("second"));
            });
            ctx.sleep(100);
            assertEquals(List.of("first"), fired);
        }
    }

    @Test
    void aTimerReschedulingItselfWithNoDelayFiresOncePerRound() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            onShard(ctx, shard -> shard.timer().schedule(new GroupTimerKey.OffsetExpiry(), 10, new TimerTask() {
                @Override
                public CoordinatorResult<Void> run(long nowMs) {
                    fired.add("tick");
                    shard.timer().schedule(new GroupTimerKey.OffsetExpiry(), 0, this);
                    return CoordinatorResult.empty();
                }
            }));
            ctx.sleep(10);
            assertEquals(1, fired.size());
            ctx.sleep(0);
            assertEquals(2, fired.size());
        }
    }

    @Test
    void timerRecordsAreAppendedAndReplayedLikeAnyWrite() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            onShard(ctx, shard -> shard.timer().schedule(new GroupTimerKey.OffsetExpiry(), 1000, nowMs ->
                    CoordinatorResult.records(List.of(OffsetCommitRecords.newOffsetCommitRecord(
                            "g", "t", 0, CommittedOffset.of(42, 0, "", nowMs))))));
            ctx.sleep(1000);
            CommittedOffset offset = ctx.shard(P).offsets().offset("g", new TopicPartition("t", 0));
            assertEquals(42L, offset.offset());
            assertEquals(ctx.time.milliseconds(), offset.commitTimestampMs(), "the task got the firing time");
            assertEquals(1, ctx.log.records(P).size());
        }
    }

    @Test
    void unloadingDropsTimers() {
        try (GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext()) {
            ctx.load(P);
            onShard(ctx, shard -> shard.timer().schedule(session("a"), 100, recording("a")));
            ctx.runtime.scheduleUnload(P);
            ctx.executor.runAll();
            ctx.sleep(1000);
            assertEquals(List.of(), fired);
        }
    }
}
