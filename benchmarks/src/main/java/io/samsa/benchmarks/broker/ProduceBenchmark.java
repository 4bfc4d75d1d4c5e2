package io.samsa.benchmarks.broker;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * Produce throughput of the Samsa broker over loopback, with kafka-clients' producer (defaults apart
 * from {@code acks}; keyless records, so the sticky partitioner spreads batches over the partitions).
 *
 * <p>One invocation sends {@link #BYTES_PER_INVOCATION} of record values and waits for every
 * acknowledgement ({@code flush}), so no unacknowledged record is counted. Read the secondary results:
 * {@code ·records} is records/s and {@code ·megabytes} is MB/s. The broker runs in the same JVM as
 * the producer, so the two share the cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-XX:+UseG1GC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ProduceBenchmark {
    private static final int BYTES_PER_INVOCATION = 4 * 1024 * 1024;
    private static final String TOPIC = "produce-bench";

    @Param({"100", "10240"})
    public int recordSizeBytes;

    @Param({"1", "6"})
    public int partitions;

    @Param({"1", "all"})
    public String acks;

    private InProcessBroker broker;
    private KafkaProducer<byte[], byte[]> producer;
    private byte[] value;
    private int recordsPerInvocation;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Callback onAck = (metadata, e) -> {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    };

    @Setup(Level.Trial)
    public void start() throws Exception {
        broker = InProcessBroker.start();
        broker.createTopic(TOPIC, partitions);
        producer = new KafkaProducer<>(BenchmarkClients.producer(broker.bootstrapServers(), acks));
        value = BenchmarkValues.random(recordSizeBytes);
        recordsPerInvocation = Math.max(1, BYTES_PER_INVOCATION / recordSizeBytes);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        BenchmarkClients.close(producer, broker);
    }

    @Benchmark
    public void produce(ThroughputCounters counters) {
        for (int i = 0; i < recordsPerInvocation; i++) {
            producer.send(new ProducerRecord<>(TOPIC, value), onAck);
        }
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("produce failed", e);
        }
        counters.add(recordsPerInvocation, recordSizeBytes);
    }
}
