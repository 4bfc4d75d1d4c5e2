package io.samsa.benchmarks.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SideBySideArgsTest {

    @Test
    void defaultsAreTheIssueScope() {
        SideBySideArgs args = SideBySideArgs.parse();
        assertEquals(2_000_000, args.records());
        assertEquals(100, args.recordSizeBytes());
        assertEquals("1g", args.heap());
        assertEquals(List.of("samsa", "kafka"), args.brokers());
        assertEquals(20_000, args.latencyRecords());
        assertEquals(List.of("-Xmx1g", "-Xms1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"), args.brokerJvmArgs());
        assertEquals(BenchmarkParts.ALL, args.parts().selected());
        assertEquals(1_000_000, args.offsets());
        assertEquals(3, args.rebalanceRuns());
        assertEquals(10, args.heartbeatSeconds());
    }

    @Test
    void partsAreChosenWithOnlyOrSkip() {
        assertEquals(List.of("rebalance", "reload"), SideBySideArgs.parse("--only", "reload, Rebalance").parts().selected());
        assertEquals(List.of("produce", "consume", "latency", "heartbeat", "clients"),
            SideBySideArgs.parse("--skip", "rebalance,reload").parts().selected());
        BenchmarkParts clientsOnly = SideBySideArgs.parse("--only", "clients").parts();
        assertEquals(List.of("clients"), clientsOnly.selected());
        assertFalse(clientsOnly.anyBrokerPart(), "only the client comparison: no broker table");
        assertTrue(SideBySideArgs.parse("--only", "clients,heartbeat").parts().anyBrokerPart());
        SideBySideArgs args = SideBySideArgs.parse("--offsets", "20_000", "--rebalance-runs", "1", "--heartbeat-seconds", "2");
        assertEquals(20_000, args.offsets());
        assertEquals(1, args.rebalanceRuns());
        assertEquals(2, args.heartbeatSeconds());
    }

    @Test
    void flagsOverrideDefaults() {
        SideBySideArgs args = SideBySideArgs.parse("--records", "200_000", "--record-size", "1024", "--heap", "768m",
            "--brokers", "Kafka", "--latency-records", "500");
        assertEquals(200_000, args.records());
        assertEquals(1024, args.recordSizeBytes());
        assertEquals("-Xmx768m", args.brokerJvmArgs().get(0));
        assertEquals(List.of("kafka"), args.brokers());
        assertEquals(500, args.latencyRecords());
    }

    @Test
    void badArgumentsAreRejectedWithTheUsage() {
        for (String[] bad : new String[][] {
            {"--records"}, {"--records", "many"}, {"--records", "0"}, {"--record-size", "-1"}, {"--heap", "lots"},
            {"--brokers", "redpanda"}, {"--brokers", ","}, {"--latency-records", "0"}, {"--speed", "1"},
            {"--only", "fetch"}, {"--only", ","}, {"--skip", "produce,consume,latency,rebalance,heartbeat,reload,clients"},
            {"--offsets", "1500"}, {"--offsets", "0"}, {"--rebalance-runs", "0"}, {"--heartbeat-seconds", "0"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SideBySideArgs.parse(bad));
            assertTrue(e.getMessage().contains("Usage: SideBySide"), e.getMessage());
        }
    }
}
