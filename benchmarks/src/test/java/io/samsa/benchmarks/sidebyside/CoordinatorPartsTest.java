package io.samsa.benchmarks.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CoordinatorPartsTest {

    @Test
    void consumerPerformanceResultIsReadByColumnName() {
        String output = "WARN something\n"
            + "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,"
            + " fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec\n"
            + "2026-11-21 09:10:01:123, 2026-11-21 09:10:05:123, 190.7349, 47.6837, 2000000, 500000.0000, 3012, 988,"
            + " 193.0515, 2024291.4980\n";
        ConsumeResult result = ConsumerPerfRun.parse(output);
        assertEquals(2_000_000, result.records());
        assertEquals(500_000, result.recordsPerSec(), 1);
        assertEquals(47.68, result.megabytesPerSec(), 0.01);
        assertNull(ConsumerPerfRun.parse("Exception in thread main\n"));
    }

    @Test
    void fullAssignmentNeedsEveryPartitionOnceAndEveryMemberServed() {
        List<Set<TopicPartition>> halves = List.of(partitions(0, 50), partitions(50, 100));
        assertTrue(RebalanceRun.fullAssignment(halves));
        assertFalse(RebalanceRun.fullAssignment(List.of(partitions(0, 50), partitions(50, 100), Set.of())),
            "a member without partitions (the joiner before the second cooperative round)");
        assertFalse(RebalanceRun.fullAssignment(List.of(partitions(0, 50), partitions(51, 100))), "partition 50 missing");
        assertFalse(RebalanceRun.fullAssignment(List.of(partitions(0, 51), partitions(50, 100))), "partition 50 twice");
    }

    @Test
    void aJoinerStartsAtItsPointOfTheHeartbeatCycleEvenWhenThePauseIsAlreadyOver() {
        long intervalNs = TimeUnit.MILLISECONDS.toNanos(RebalanceRun.HEARTBEAT_INTERVAL_MS);
        long settledNs = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(430);
        long startNs = RebalanceRun.startInCycle(settledNs, 30);
        assertTrue(startNs - System.nanoTime() > 0, "still ahead");
        assertTrue(startNs - System.nanoTime() <= intervalNs, "in the next cycle, not later");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(30), (startNs - settledNs) % intervalNs, "same point of the cycle");

        long aheadNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        assertEquals(aheadNs + TimeUnit.MILLISECONDS.toNanos(30), RebalanceRun.startInCycle(aheadNs, 30));
    }

    @Test
    void rebalanceMedianIsTheMiddleJoin() {
        assertEquals(500, new RebalanceResult(10, true, List.of(900.0, 300.0, 500.0)).medianMs());
        assertEquals(300, new RebalanceResult(10, true, List.of(900.0, 300.0, 500.0, 100.0)).medianMs());
        assertEquals(450, new RebalanceResult(10, true, List.of(900.0, 300.0, 500.0, 100.0)).meanMs());
        assertThrows(IllegalArgumentException.class, () -> new RebalanceResult(10, true, List.of()));
        CoordinatorResults results = new CoordinatorResults(List.of(new RebalanceResult(50, false, List.of(1.0))), null, null);
        assertEquals(1.0, results.rebalance(50, false).medianMs());
        assertNull(results.rebalance(50, true));
    }

    @Test
    void committedOffsetsAreDistinctPerGroupAndPartition() {
        Set<Long> offsets = IntStream.range(0, 3).boxed()
            .flatMap(g -> IntStream.range(0, OffsetReloadRun.PARTITIONS).mapToObj(p -> OffsetReloadRun.committedOffset(g, p)))
            .collect(Collectors.toSet());
        assertEquals(3 * OffsetReloadRun.PARTITIONS, offsets.size());
    }

    private static Set<TopicPartition> partitions(int from, int to) {
        return IntStream.range(from, to).mapToObj(p -> new TopicPartition("t", p)).collect(Collectors.toSet());
    }
}
