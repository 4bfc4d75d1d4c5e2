package io.samsa.coordinator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorShard;
import io.samsa.coordinator.classic.GroupTimerKey;
import io.samsa.coordinator.offsets.CommittedOffset;
import io.samsa.coordinator.offsets.OffsetCommitRecords;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runtime on real threads: the thread-pool executor and the timer ticker, with a manual clock. */
class ThreadedRuntimeTest {

    @Test
    void eventsOfOnePartitionRunInOrderOnOneThread() {
        int partitions = 8;
        int eventsEach = 2_000;
        Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<Integer, String> threads = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        try (ThreadPoolEventExecutor executor = new ThreadPoolEventExecutor(3, "test-coordinator")) {
            for (int i = 0; i < eventsEach; i++) {
                for (int p = 0; p < partitions; p++) {
                    int partition = p;
                    int index = i;
                    executor.submit(partition, () -> {
                        seen.computeIfAbsent(partition, k -> new ArrayList<>()).add(index);
                        threads.merge(partition, Thread.currentThread().getName(),
                                (a, b) -> a.equals(b) ? a : "MIXED");
                        done.incrementAndGet();
                    });
                }
            }
            Await.until(Duration.ofSeconds(10), "all events ran", () -> done.get() == partitions * eventsEach);
        }
        for (int p = 0; p < partitions; p++) {
            List<Integer> order = seen.get(p);
            for (int i = 0; i < eventsEach; i++) {
                assertEquals(i, order.get(i));
            }
            assertEquals(false, threads.get(p).equals("MIXED"));
        }
    }

    @Test
    void writesAndTickerDrivenTimersWorkOnRealThreads() {
        ManualTime time = new ManualTime();
        InMemoryCoordinatorLog log = new InMemoryCoordinatorLog();
        GroupCoordinatorConfig config = GroupCoordinatorConfig.defaults();
        AtomicInteger timerFired = new AtomicInteger();
        try (CoordinatorRuntime<GroupCoordinatorShard> runtime = CoordinatorRuntime.<GroupCoordinatorShard>builder()
                .withTime(time)
                .withExecutor(new ThreadPoolEventExecutor(2, "test-coordinator"))
                .withLog(log)
                .withShardFactory(context -> new GroupCoordinatorShard(context, config))
                .withTimerTicker(1)
                .build()) {
            for (int p = 0; p < 4; p++) {
                runtime.scheduleLoad(p).join();
            }
            List<CompletableFuture<Long>> writes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                long offset = i;
                writes.add(runtime.scheduleWrite(i % 4, "commit", (shard, now) -> CoordinatorResult.of(List.of(
                        OffsetCommitRecords.newOffsetCommitRecord("g", "t", 0, CommittedOffset.of(offset, 0, "", now))), offset)));
            }
            for (int i = 0; i < writes.size(); i++) {
                assertEquals(i, writes.get(i).join());
            }
            assertEquals(396L, runtime.scheduleRead(0, "fetch",
                    (shard, now) -> shard.offsets().offset("g", new TopicPartition("t", 0)).offset()).join());

            runtime.scheduleWrite(1, "arm", (shard, now) -> {
                shard.timer().schedule(new GroupTimerKey.OffsetExpiry(), 5_000, nowMs -> {
                    timerFired.incrementAndGet();
                    return CoordinatorResult.empty();
                });
                return CoordinatorResult.empty();
            }).join();
            time.advance(4_999);
            assertEquals(0, timerFired.get());
            time.advance(1);
            Await.until(Duration.ofSeconds(10), "the ticker fired the due timer", () -> timerFired.get() == 1);
        }
        assertEquals(100, log.records(0).size());
    }
}
