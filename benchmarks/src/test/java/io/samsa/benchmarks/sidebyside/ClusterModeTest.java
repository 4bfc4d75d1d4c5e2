package io.samsa.benchmarks.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster mode's arguments and table. */
class ClusterModeTest {

    @Test
    void argumentsHaveDefaultsAndParseEveryFlag() {
        ClusterArgs defaults = ClusterArgs.parse();
        assertEquals(1_000_000, defaults.records());
        assertEquals(3, defaults.nodes());
        assertEquals(3, defaults.failovers());
        assertEquals(List.of("samsa", "kafka"), defaults.brokers());

        ClusterArgs args = ClusterArgs.parse("--records", "200_000", "--record-size", "512", "--heap", "2g", "--brokers", "kafka",
            "--latency-records", "1000", "--failovers", "0", "--partitions", "6", "--nodes", "5");
        assertEquals(new ClusterArgs(200_000, 512, "2g", List.of("kafka"), 1000, 0, 6, 5), args);
        assertEquals(List.of("-Xmx2g", "-Xms2g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"), args.jvmArgs());
    }

    @Test
    void badArgumentsNameTheUsage() {
        IllegalArgumentException twoNodes = assertThrows(IllegalArgumentException.class, () -> ClusterArgs.parse("--nodes", "2"));
        assertTrue(twoNodes.getMessage().contains("at least 3 nodes"), twoNodes.getMessage());
        assertTrue(twoNodes.getMessage().contains("Usage: SideBySide --cluster"), twoNodes.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClusterArgs.parse("--brokers", "redpanda"));
        assertThrows(IllegalArgumentException.class, () -> ClusterArgs.parse("--records"));
        assertThrows(IllegalArgumentException.class, () -> ClusterArgs.parse("--failovers", "x"));
    }

    @Test
    void tableShowsRatiosTheMedianFailoverAndWhyASideFailed() {
        ProducerPerfResult produce = new ProducerPerfResult(1000, 2000.0, 0.19, 5.0, 9.0, 4, 6, 8, 9);
        ClusterRunResult samsa = new ClusterRunResult("Samsa", produce, new EndToEndLatencyRun.Latency(100, 3, 9, 12),
            new ProcessMemory(300L << 20, 400L << 20),
            List.of(new FailoverRun.Failover(1, 900, 2), new FailoverRun.Failover(2, 300, 3), new FailoverRun.Failover(3, 500, 1)),
            null);
        ClusterRunResult kafka = ClusterRunResult.failed("Kafka", "did not start");
        String table = ClusterResultTable.render(samsa, kafka);
        assertTrue(table.contains("| produce records/s (ProducerPerformance, acks=all) | 2000 | failed | - | >= 1.0x |"), table);
        assertTrue(table.contains("| failover ms, kill -9 of the leader -> next ack (median) | 500 | failed |"), table);
        assertTrue(table.contains("| all nodes' peak RSS MiB (VmHWM, summed) after produce, latency | 400 | failed |"), table);
        assertTrue(table.contains("Kafka failed: did not start"), table);

        ClusterRunResult kafkaOk = new ClusterRunResult("Kafka", produce, new EndToEndLatencyRun.Latency(100, 3, 18, 20),
            new ProcessMemory(600L << 20, 800L << 20), List.of(new FailoverRun.Failover(1, 1000, 2)), null);
        String both = ClusterResultTable.render(samsa, kafkaOk);
        assertTrue(both.contains("| e2e latency p99 ms (acks=all, paced) | 9 | 18 | 0.50x | <= 1.0x |"), both);
        assertTrue(both.contains("| failover ms, kill -9 of the leader -> next ack (median) | 500 | 1000 | 0.50x | <= 1.0x |"), both);
    }
}
