package io.samsa.benchmarks.sidebyside;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency of one client library: its producer sends records paced at
 * {@link EndToEndLatencyRun#RECORDS_PER_SEC} while its own consumer, on another thread of the same
 * JVM ({@code assign()} from the beginning of a fresh topic), takes receive time minus create time for
 * each record. The create time is {@code System.nanoTime()} just before {@code send()}, carried in
 * the value's first 8 bytes, so the latency has microsecond resolution rather than the millisecond
 * CreateTime's (which is set too). The first {@value #WARM_UP_PERCENT}% of the records warm up the fresh
 * JVM (class loading, JIT, connections) and are not counted.
 *
 * <p>Stateless; each run uses the caller's thread to produce and one thread to consume.
 */
final class ClientLatencyRun {
    private static final long POLL_TIMEOUT_MS = 100;
    static final int WARM_UP_PERCENT = 20;

    private ClientLatencyRun() {
    }

    /** @throws IllegalStateException when the consumer does not see every record within {@code timeout} */
    static LatencyPercentiles run(ClientKind kind, String bootstrapServers, String topic, int records, int recordSizeBytes,
                                  Duration timeout) {
        long[] latenciesNanos = new long[records];
        BackgroundTask consumer = BackgroundTask.start("latency-consumer",
            () -> consume(kind, bootstrapServers, topic, latenciesNanos, timeout));
        produce(kind, bootstrapServers, topic, records, Math.max(Long.BYTES, recordSizeBytes));
        consumer.await(timeout, "latency consumer did not read every record");
        int warmUp = (int) ((long) records * WARM_UP_PERCENT / 100);
        return LatencyPercentiles.of(Arrays.copyOfRange(latenciesNanos, Math.min(warmUp, records - 1), records));
    }

    private static void produce(ClientKind kind, String bootstrapServers, String topic, int records, int recordSizeBytes) {
        long intervalNs = TimeUnit.SECONDS.toNanos(1) / EndToEndLatencyRun.RECORDS_PER_SEC;
        try (BenchProducer producer = BenchProducer.open(kind, bootstrapServers)) {
            long startNs = System.nanoTime();
            for (int i = 0; i < records; i++) {
                // pace against the schedule, not the previous send, so a slow send does not lower the rate
                long waitNs = startNs + i * intervalNs - System.nanoTime();
                if (waitNs > 0) {
                    LockSupport.parkNanos(waitNs);
                }
                byte[] value = new byte[recordSizeBytes];
                ByteBuffer.wrap(value).putLong(0, System.nanoTime());
                producer.send(topic, System.currentTimeMillis(), value);
            }
            producer.flush();
        }
    }

    private static void consume(ClientKind kind, String bootstrapServers, String topic, long[] latenciesNanos, Duration timeout) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        int[] read = new int[1];
        BenchConsumer.RecordSink sink = (timestampMs, value) -> {
            if (read[0] < latenciesNanos.length) {
                latenciesNanos[read[0]++] = System.nanoTime() - ByteBuffer.wrap(value).getLong(0);
            }
        };
        try (BenchConsumer consumer = BenchConsumer.open(kind, bootstrapServers)) {
            consumer.assignFromBeginning(topic);
            while (read[0] < latenciesNanos.length) {
                if (System.nanoTime() - deadlineNs > 0) {
                    throw new IllegalStateException("read " + read[0] + " of " + latenciesNanos.length + " records in time");
                }
                consumer.poll(POLL_TIMEOUT_MS, sink);
            }
        }
    }
}
