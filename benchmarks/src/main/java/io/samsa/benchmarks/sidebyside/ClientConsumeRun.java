package io.samsa.benchmarks.sidebyside;

import java.time.Duration;

/**
 * Consumer throughput of one client: reads partition 0 of a topic from the beginning
 * ({@code assign()} + {@code seekToBeginning()}, no group) until {@code records} records arrived,
 * touching each value's length. Timed from before the assignment, so it includes the metadata and
 * ListOffsets round trips, as {@link ConsumeRun}'s does.
 *
 * <p>Stateless.
 */
final class ClientConsumeRun {
    private static final long POLL_TIMEOUT_MS = 500;

    private ClientConsumeRun() {
    }

    /** @throws IllegalStateException when no record arrives for {@code stallTimeout} */
    static ConsumeResult run(ClientKind kind, String bootstrapServers, String topic, long records, Duration stallTimeout) {
        long[] valueBytes = new long[1];
        BenchConsumer.RecordSink sink = (timestampMs, value) -> valueBytes[0] += value == null ? 0 : value.length;
        try (BenchConsumer consumer = BenchConsumer.open(kind, bootstrapServers)) {
            long startNs = System.nanoTime();
            consumer.assignFromBeginning(topic);
            long read = 0;
            long lastProgressNs = startNs;
            while (read < records) {
                int polled = consumer.poll(POLL_TIMEOUT_MS, sink);
                read += polled;
                long nowNs = System.nanoTime();
                if (polled > 0) {
                    lastProgressNs = nowNs;
                } else if (nowNs - lastProgressNs > stallTimeout.toNanos()) {
                    throw new IllegalStateException("consumer stalled at " + read + " of " + records + " records");
                }
            }
            return new ConsumeResult(read, valueBytes[0], System.nanoTime() - startNs);
        }
    }
}
