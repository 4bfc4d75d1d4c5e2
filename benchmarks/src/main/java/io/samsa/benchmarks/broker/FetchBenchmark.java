package io.samsa.benchmarks.broker;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fetch throughput of the Samsa broker over loopback: a one-partition log pre-filled with
 * {@link #LOG_BYTES} of record values is read from the beginning to the end by kafka-clients'
 * consumer ({@code assign()}, no group, client defaults otherwise) in every invocation.
 *
 * <p>Read the secondary results: {@code ·megabytes} is MB/s and {@code ·records} is records/s. The
 * log is small enough to stay in the page cache, so this measures the broker's read path and the
 * network, not the disk. The broker shares the JVM and the cores with the consumer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-XX:+UseG1GC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class FetchBenchmark {
    private static final long LOG_BYTES = 64L * 1024 * 1024;
    private static final String TOPIC = "fetch-bench";
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    @Param({"100", "10240"})
    public int recordSizeBytes;

    private InProcessBroker broker;
    private KafkaConsumer<byte[], byte[]> consumer;
    private TopicPartition partition;
    private long records;

    @Setup(Level.Trial)
    public void start() throws Exception {
        broker = InProcessBroker.start();
        broker.createTopic(TOPIC, 1);
        records = LOG_BYTES / recordSizeBytes;
        fill();
        consumer = new KafkaConsumer<>(BenchmarkClients.consumer(broker.bootstrapServers()));
        partition = new TopicPartition(TOPIC, 0);
        consumer.assign(List.of(partition));
    }

    private void fill() throws Exception {
        Properties props = BenchmarkClients.producer(broker.bootstrapServers(), "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        byte[] value = BenchmarkValues.random(recordSizeBytes);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (long i = 0; i < records - 1; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, null, value));
            }
            // the last send's acknowledgement, after flush, proves the whole log was written
            producer.send(new ProducerRecord<>(TOPIC, 0, null, value)).get(60, TimeUnit.SECONDS);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        BenchmarkClients.close(consumer, broker);
    }

    @Benchmark
    public void readLog(ThroughputCounters counters) {
        consumer.seekToBeginning(List.of(partition));
        long read = 0;
        long lastProgressNs = System.nanoTime();
        while (read < records) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
            read += batch.count();
            if (!batch.isEmpty()) {
                lastProgressNs = System.nanoTime();
            } else if (System.nanoTime() - lastProgressNs > STALL_TIMEOUT.toNanos()) {
                throw new IllegalStateException("fetch stalled at " + read + " of " + records + " records");
            }
        }
        counters.add(read, recordSizeBytes);
    }
}
