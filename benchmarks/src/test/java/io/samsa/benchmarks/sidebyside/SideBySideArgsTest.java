package io.samsa.benchmarks.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(SideBySideArgs.Clients.RUN, args.clients());
        assertEquals(List.of("-Xmx1g", "-Xms1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"), args.brokerJvmArgs());
    }

    @Test
    void flagsOverrideDefaults() {
        SideBySideArgs args = SideBySideArgs.parse("--records", "200_000", "--record-size", "1024", "--heap", "768m",
            "--brokers", "Kafka", "--latency-records", "500", "--clients", "Only");
        assertEquals(200_000, args.records());
        assertEquals(1024, args.recordSizeBytes());
        assertEquals("-Xmx768m", args.brokerJvmArgs().get(0));
        assertEquals(List.of("kafka"), args.brokers());
        assertEquals(500, args.latencyRecords());
        assertEquals(SideBySideArgs.Clients.ONLY, args.clients());
        assertEquals(SideBySideArgs.Clients.SKIP, SideBySideArgs.parse("--clients", "skip").clients());
    }

    @Test
    void badArgumentsAreRejectedWithTheUsage() {
        for (String[] bad : new String[][] {
            {"--records"}, {"--records", "many"}, {"--records", "0"}, {"--record-size", "-1"}, {"--heap", "lots"},
            {"--brokers", "redpanda"}, {"--brokers", ","}, {"--latency-records", "0"}, {"--speed", "1"}, {"--clients", "maybe"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SideBySideArgs.parse(bad));
            assertTrue(e.getMessage().contains("Usage: SideBySide"), e.getMessage());
        }
    }
}
