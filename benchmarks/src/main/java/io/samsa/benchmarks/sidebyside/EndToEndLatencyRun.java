package io.samsa.benchmarks.sidebyside;

import io.samsa.benchmarks.broker.BenchmarkClients;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end latency, producer to consumer: a kafka-clients producer ({@code acks=1}, or {@code all} in the
 * cluster mode) sends records
 * at a fixed rate well below saturation while a consumer on another thread ({@code assign()}, from the
 * beginning of a fresh topic) takes {@code now - record timestamp} (CreateTime, stamped by the
 * producer) for each record, after a warm-up (see {@link #produce}). Both clients run in one child JVM of their own, so they share one clock,
 * and each broker's measurement starts from the same cold JIT (run in this harness's JVM, the second
 * broker measured would profit from the first one's warm-up).
 *
 * <p>Stateless; the child uses one producer thread and one consumer thread.
 */
final class EndToEndLatencyRun {
    static final int RECORDS_PER_SEC = 5_000;
    private static final String RESULT_PREFIX = "E2E_LATENCY ";
    private static final List<String> CLIENT_JVM_ARGS = List.of("-Xmx512m", "-XX:+UseG1GC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    /** Percentiles of the end-to-end latency, in milliseconds. Immutable. */
    record Latency(long records, long p50Ms, long p99Ms, long maxMs) {
    }

    private EndToEndLatencyRun() {
    }

    /**
     * Measures in a child JVM.
     *
     * @throws IllegalStateException with the child's output when it fails or times out
     */
    static Latency run(String bootstrapServers, String topic, int records, int recordSizeBytes, Duration timeout) {
        return run(bootstrapServers, topic, records, recordSizeBytes, "1", timeout);
    }

    /** The same with the producer's {@code acks} ("1" or "all", the cluster mode's). */
    static Latency run(String bootstrapServers, String topic, int records, int recordSizeBytes, String acks, Duration timeout) {
        List<String> args = List.of(bootstrapServers, topic, Integer.toString(records),
            Integer.toString(recordSizeBytes), Long.toString(timeout.toSeconds()), acks);
        ChildJvm.Finished finished = ChildJvm.runToCompletion(
            ChildJvm.command(CLIENT_JVM_ARGS, EndToEndLatencyRun.class.getName(), args), timeout.toSeconds() + 30,
            "end-to-end latency run");
        if (finished.exitCode() == 0) {
            for (String line : finished.output().lines().toList()) {
                if (line.startsWith(RESULT_PREFIX)) {
                    String[] f = line.substring(RESULT_PREFIX.length()).trim().split(" ");
                    return new Latency(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
                }
            }
        }
        throw new IllegalStateException("end-to-end latency run failed (exit " + finished.exitCode() + ")\n" + finished.tail(30));
    }

    /** The child: {@code <bootstrap> <topic> <records> <recordSizeBytes> <timeoutSeconds> [acks]}; prints one result line. */
    public static void main(String[] argv) {
        String acks = argv.length > 5 ? argv[5] : "1";
        Latency latency = measure(argv[0], argv[1], Integer.parseInt(argv[2]), Integer.parseInt(argv[3]), acks,
            Duration.ofSeconds(Long.parseLong(argv[4])));
        System.out.println(RESULT_PREFIX + latency.records() + " " + latency.p50Ms() + " " + latency.p99Ms() + " "
            + latency.maxMs());
    }

    static Latency measure(String bootstrapServers, String topic, int records, int recordSizeBytes, String acks,
                           Duration timeout) {
        int warmUpRecords = Math.max(1, records / 4);
        long[] latenciesMs = new long[records];
        CountDownLatch consumerReady = new CountDownLatch(1);
        BackgroundTask consumer = BackgroundTask.start("e2e-consumer", () -> {
            try {
                consume(bootstrapServers, topic, warmUpRecords, latenciesMs, consumerReady, timeout);
            } finally {
                consumerReady.countDown(); // a failed consumer must not leave the producer waiting
            }
        });
        produce(bootstrapServers, topic, acks, warmUpRecords, records, recordSizeBytes, consumerReady, timeout);
        consumer.await(timeout, "end-to-end consumer did not read every record");
        Arrays.sort(latenciesMs);
        return new Latency(records, percentile(latenciesMs, 0.50), percentile(latenciesMs, 0.99), latenciesMs[records - 1]);
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))];
    }

    /**
     * Sends one record and waits until the consumer has it, so connections, metadata and the first
     * fetch are behind both clients; then the rest of the warm-up and the measured records, paced.
     * Without this the first records' latency is the clients' start-up (hundreds of ms on either
     * broker), which is what a short run's p99 would then show.
     */
    private static void produce(String bootstrapServers, String topic, String acks, int warmUpRecords, int records,
                                int recordSizeBytes, CountDownLatch consumerReady, Duration timeout) {
        byte[] value = new byte[recordSizeBytes];
        long intervalNs = TimeUnit.SECONDS.toNanos(1) / RECORDS_PER_SEC;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(BenchmarkClients.producer(bootstrapServers, acks))) {
            producer.send(new ProducerRecord<>(topic, 0, System.currentTimeMillis(), null, value));
            producer.flush();
            if (!consumerReady.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the consumer did not receive the first record in " + timeout);
            }
            long startNs = System.nanoTime();
            for (int i = 1; i < warmUpRecords + records; i++) {
                // pace against the schedule, not the previous send, so a slow send does not lower the rate
                long dueNs = startNs + i * intervalNs;
                long waitNs = dueNs - System.nanoTime();
                if (waitNs > 0) {
                    LockSupport.parkNanos(waitNs);
                }
                producer.send(new ProducerRecord<>(topic, 0, System.currentTimeMillis(), null, value));
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Reads the warm-up records, then takes each measured record's latency. */
    private static void consume(String bootstrapServers, String topic, int warmUpRecords, long[] latenciesMs,
                                CountDownLatch ready, Duration timeout) {
        TopicPartition partition = new TopicPartition(topic, 0);
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        long total = warmUpRecords + (long) latenciesMs.length;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(BenchmarkClients.consumer(bootstrapServers))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long read = 0;
            while (read < total) {
                if (System.nanoTime() - deadlineNs > 0) {
                    throw new IllegalStateException("read " + read + " of " + total + " records in time");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long latencyMs = System.currentTimeMillis() - record.timestamp();
                    if (read >= warmUpRecords && read < total) {
                        latenciesMs[(int) (read - warmUpRecords)] = latencyMs;
                    }
                    read++;
                    ready.countDown();
                }
            }
        }
    }
}
