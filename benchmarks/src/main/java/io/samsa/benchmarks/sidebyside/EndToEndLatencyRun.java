package io.samsa.benchmarks.sidebyside;

import io.samsa.benchmarks.broker.BenchmarkClients;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end latency, producer to consumer: a kafka-clients producer ({@code acks=1}) sends records
 * at a fixed rate well below saturation while a consumer on another thread ({@code assign()}, from the
 * beginning of a fresh topic) takes {@code now - record timestamp} (CreateTime, stamped by the
 * producer) for each record. Both clients run in this JVM, so they share one clock.
 *
 * <p>Stateless; each run uses one producer thread (the caller's) and one consumer thread.
 */
final class EndToEndLatencyRun {
    static final int RECORDS_PER_SEC = 5_000;

    /** Percentiles of the end-to-end latency, in milliseconds. Immutable. */
    record Latency(long records, long p50Ms, long p99Ms, long maxMs) {
    }

    private EndToEndLatencyRun() {
    }

    static Latency run(String bootstrapServers, String topic, int records, int recordSizeBytes, Duration timeout) {
        long[] latenciesMs = new long[records];
        BackgroundTask consumer = BackgroundTask.start("e2e-consumer", () -> consume(bootstrapServers, topic, latenciesMs, timeout));
        produce(bootstrapServers, topic, records, recordSizeBytes);
        consumer.await(timeout, "end-to-end consumer did not read every record");
        Arrays.sort(latenciesMs);
        return new Latency(records, percentile(latenciesMs, 0.50), percentile(latenciesMs, 0.99), latenciesMs[records - 1]);
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))];
    }

    private static void produce(String bootstrapServers, String topic, int records, int recordSizeBytes) {
        byte[] value = new byte[recordSizeBytes];
        long intervalNs = TimeUnit.SECONDS.toNanos(1) / RECORDS_PER_SEC;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(BenchmarkClients.producer(bootstrapServers, "1"))) {
            long startNs = System.nanoTime();
            for (int i = 0; i < records; i++) {
                // pace against the schedule, not the previous send, so a slow send does not lower the rate
                long dueNs = startNs + i * intervalNs;
                long waitNs = dueNs - System.nanoTime();
                if (waitNs > 0) {
                    LockSupport.parkNanos(waitNs);
                }
                producer.send(new ProducerRecord<>(topic, 0, System.currentTimeMillis(), null, value));
            }
            producer.flush();
        }
    }

    private static void consume(String bootstrapServers, String topic, long[] latenciesMs, Duration timeout) {
        TopicPartition partition = new TopicPartition(topic, 0);
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(BenchmarkClients.consumer(bootstrapServers))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            int read = 0;
            while (read < latenciesMs.length) {
                if (System.nanoTime() - deadlineNs > 0) {
                    throw new IllegalStateException("read " + read + " of " + latenciesMs.length + " records in time");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (read < latenciesMs.length) {
                        latenciesMs[read++] = System.currentTimeMillis() - record.timestamp();
                    }
                }
            }
        }
    }
}
