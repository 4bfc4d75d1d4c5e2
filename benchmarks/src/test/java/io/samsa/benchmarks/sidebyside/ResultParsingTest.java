package io.samsa.benchmarks.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultParsingTest {

    @Test
    void producerPerformanceSummaryIsTheLastSummaryLine() {
        String output = """
            [main] WARN something
            81234 records sent, 16246.8 records/sec (1.55 MB/sec), 1000.0 ms avg latency, 1500.0 ms max latency.
            200000 records sent, 31934.2 records/sec (3.05 MB/sec), 1655.62 ms avg latency, 2900.00 ms max latency, 1726 ms 50th, 2500 ms 95th, 2661 ms 99th, 2800 ms 99.9th.
            """;
        ProducerPerfResult result = ProducerPerfResult.parse(output);
        assertEquals(200_000, result.records());
        assertEquals(31934.2, result.recordsPerSec());
        assertEquals(3.05, result.megabytesPerSec());
        assertEquals(1655.62, result.avgLatencyMs());
        assertEquals(1726, result.p50LatencyMs());
        assertEquals(2661, result.p99LatencyMs());
        assertEquals(2800, result.p999LatencyMs());
        assertNull(ProducerPerfResult.parse("81234 records sent, 16246.8 records/sec (1.55 MB/sec), 1.0 ms avg latency, 2.0 ms max latency."));
    }

    @Test
    void procStatusGivesRssAndPeak() {
        String status = "Name:\tjava\nVmPeak:\t 5000000 kB\nVmHWM:\t  411648 kB\nVmRSS:\t  172032 kB\nThreads:\t40\n";
        ProcessMemory memory = ProcessMemory.parse(status);
        assertEquals(172032L * 1024, memory.rssBytes());
        assertEquals(411648L * 1024, memory.peakRssBytes());
    }

    @Test
    void tableShowsRatiosAndFailures() {
        ProducerPerfResult produce = new ProducerPerfResult(10, 200, 2, 5, 9, 4, 6, 8, 9);
        BrokerRunResult samsa = BrokerRunResult.succeeded("Samsa", produce, new ConsumeResult(10, 1000, 1_000_000_000L),
            new EndToEndLatencyRun.Latency(10, 2, 4, 5), new ProcessMemory(100 << 20, 200 << 20),
            new CoordinatorResults(List.of(new RebalanceResult(10, false, List.of(900.0, 300.0, 500.0))),
                new HeartbeatResult(10, 10, 8, 16, 20_000, 0, 10), null, new ProcessMemory(300 << 20, 300 << 20)));
        BrokerRunResult kafka = BrokerRunResult.succeeded("Kafka",
            new ProducerPerfResult(10, 100, 1, 5, 9, 4, 6, 8, 9), new ConsumeResult(10, 1000, 2_000_000_000L),
            new EndToEndLatencyRun.Latency(10, 4, 8, 9), new ProcessMemory(400 << 20, 400 << 20),
            new CoordinatorResults(List.of(new RebalanceResult(10, false, List.of(1000.0, 1000.0, 1000.0))),
                new HeartbeatResult(10, 10, 8, 16, 10_000, 0, 10), null, new ProcessMemory(600 << 20, 600 << 20)));
        String table = ResultTable.render(samsa, kafka);
        assertTrue(table.contains("| produce records/s | 200 | 100 | 2.00x | >= 1.0x |"), table);
        assertTrue(table.contains("| consume records/s (ConsumerPerformance) | 10 | 5 | 2.00x | >= 1.0x |"), table);
        assertTrue(table.contains("| e2e latency p99 ms (producer->consumer, paced) | 4 | 8 | 0.50x | lower is better |"), table);
        assertTrue(table.contains("| broker peak RSS MiB (VmHWM) after produce, consume, latency | 200 | 400 | 0.50x | <= 0.5x |"),
            table);
        assertTrue(table.contains("| broker peak RSS MiB (VmHWM) after rebalance, heartbeat too | 300 | 600 | 0.50x | lower is better |"),
            table);
        assertTrue(table.contains("| rebalance ms, join -> Stable, 10 members (eager, range), median | 500 | 1000 | 0.50x | <= 1.0x |"),
            table);
        assertTrue(table.contains("| heartbeats/s (raw Heartbeat v4, error 0) | 2000 | 1000 | 2.00x | >= 1.0x |"), table);
        assertFalse(table.contains("50 members"), "cases neither broker ran are left out: " + table);
        assertFalse(table.contains("reload ms"), "parts neither broker ran are left out: " + table);

        String failed = ResultTable.render(BrokerRunResult.failed("Samsa", "no Produce"), kafka);
        assertTrue(failed.contains("| produce records/s | failed | 100 | - | >= 1.0x |"), failed);
        assertTrue(failed.contains("Samsa failed: no Produce"), failed);
    }
}
