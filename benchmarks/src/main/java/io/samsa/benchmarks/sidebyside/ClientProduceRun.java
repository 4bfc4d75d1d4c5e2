package io.samsa.benchmarks.sidebyside;

import java.util.Random;

/**
 * Producer throughput of one client: sends {@code records} values of {@code recordSizeBytes} random
 * bytes (no key, partition 0) as fast as {@code send()} accepts them, then flushes. The clock runs
 * from the first send to the end of the flush, so it includes the first metadata round trip and
 * the acknowledgement of the last batch, as ProducerPerformance's does.
 *
 * <p>Stateless.
 */
final class ClientProduceRun {
    private ClientProduceRun() {
    }

    /** @return records and value bytes acknowledged, and the time it took */
    static ConsumeResult run(ClientKind kind, String bootstrapServers, String topic, long records, int recordSizeBytes) {
        byte[] value = new byte[recordSizeBytes];
        new Random(42).nextBytes(value);
        try (BenchProducer producer = BenchProducer.open(kind, bootstrapServers)) {
            long startNs = System.nanoTime();
            for (long i = 0; i < records; i++) {
                producer.send(topic, System.currentTimeMillis(), value);
            }
            producer.flush();
            return new ConsumeResult(records, records * recordSizeBytes, System.nanoTime() - startNs);
        }
    }
}
