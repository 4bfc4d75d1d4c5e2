package io.samsa.benchmarks.sidebyside;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client comparison's bookkeeping: run order, combining runs, the child's result line and the table. */
class ClientComparisonTest {
    private static final ClientKind S = ClientKind.SAMSA;
    private static final ClientKind K = ClientKind.KAFKA;

    @Test
    void roundsAlternateWhichClientGoesFirst() {
        assertEquals(List.of(K, S, S, K), ClientBenchmarkRun.alternatingOrder(2));
        assertEquals(List.of(K, S, S, K, K, S), ClientBenchmarkRun.alternatingOrder(3));
    }

    @Test
    void throughputRunsCombineAsTotalRecordsOverTotalTime() {
        ConsumeResult combined = ClientComparison.combined(List.of(new ConsumeResult(100, 10_000, 1_000_000_000L),
            new ConsumeResult(300, 30_000, 1_000_000_000L)));
        assertEquals(400, combined.records());
        assertEquals(40_000, combined.valueBytes());
        assertEquals(200.0, combined.recordsPerSec(), 1e-9);
    }

    @Test
    void latencyPercentilesAreTheMedianOfTheRuns() {
        LatencyPercentiles median = ClientComparison.median(List.of(new LatencyPercentiles(10, 1_000, 9_000, 20_000),
            new LatencyPercentiles(10, 3_000, 500_000, 900_000), new LatencyPercentiles(10, 2_000, 10_000, 30_000)));
        assertEquals(new LatencyPercentiles(30, 2_000, 10_000, 900_000), median);
        assertEquals(1_500, ClientComparison.median(List.of(new LatencyPercentiles(1, 1_000, 1, 1),
            new LatencyPercentiles(1, 2_000, 1, 1))).p50Micros(), "an even count takes the middle two");
    }

    @Test
    void percentilesOfLatencies() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (100 - i) * 1_000_000L;
        }
        assertEquals(new LatencyPercentiles(100, 51_000, 100_000, 100_000), LatencyPercentiles.of(nanos));
    }

    @Test
    void theChildsLastResultLineIsParsed() {
        List<String> output = List.of("[main] WARN something", "THROUGHPUT 1 2 3", "noise", "THROUGHPUT 10 20 30");
        assertArrayEquals(new long[] {10, 20, 30}, ClientChildProcess.parse(output, ClientWorkload.THROUGHPUT));
        assertNull(ClientChildProcess.parse(output, ClientWorkload.LATENCY));
    }

    @Test
    void theTableShowsRatiosTargetsAndWhetherTheyAreMet() {
        ClientComparison comparison = new ClientComparison("Samsa",
            Map.of(S, List.of(new ConsumeResult(200, 20_000, 1_000_000_000L)), K, List.of(new ConsumeResult(100, 10_000, 1_000_000_000L))),
            Map.of(S, List.of(new ConsumeResult(100, 10_000, 1_000_000_000L)), K, List.of(new ConsumeResult(200, 20_000, 1_000_000_000L))),
            Map.of(S, List.of(new LatencyPercentiles(10, 2_000, 8_000, 9_000)), K, List.of(new LatencyPercentiles(10, 4_000, 10_000, 12_000))),
            null);
        String table = ClientComparisonTable.render(comparison);
        assertTrue(table.contains("| produce records/s | 200 | 100 | 2.00x | >= 1.0x | yes |"), table);
        assertTrue(table.contains("| consume records/s | 100 | 200 | 0.50x | >= 1.0x | NO |"), table);
        assertTrue(table.contains("| e2e latency p50 ms (own producer->own consumer, paced) | 2.00 | 4.00 | 0.50x | lower is better | - |"), table);
        assertTrue(table.contains("| e2e latency p99 ms (own producer->own consumer, paced) | 8.00 | 10.00 | 0.80x | <= 1.0x | yes |"), table);
    }

    @Test
    void aFailedComparisonShowsWhatItMeasuredAndWhy() {
        ClientComparison comparison = new ClientComparison("Kafka",
            Map.of(S, List.of(new ConsumeResult(200, 20_000, 1_000_000_000L)), K, List.of()),
            Map.of(S, List.of(), K, List.of()), Map.of(S, List.of(), K, List.of()), "broker went away");
        String table = ClientComparisonTable.render(comparison);
        assertTrue(table.contains("| produce records/s | 200 | - | - | >= 1.0x | - |"), table);
        assertTrue(table.contains("client comparison on Kafka failed: broker went away"), table);
    }
}
