package io.samsa.client.producer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.Metric;
import io.samsa.client.common.MetricName;
import io.samsa.client.common.PartitionInfo;
import io.samsa.client.common.header.RecordHeader;
import io.samsa.client.errors.InvalidTopicException;
import io.samsa.client.errors.RecordTooLargeException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.client.serialization.ByteArraySerializer;
import io.samsa.client.serialization.StringSerializer;
import io.samsa.client.testing.BrokerUnderTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SamsaProducer against the broker a subclass starts ({@code SamsaProducerOnKafkaTest} for Apache
 * Kafka 4.1, {@code SamsaProducerOnSamsaTest} for the Samsa broker), on 127.0.0.1, read back with
 * kafka-clients' consumer. One broker per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SamsaProducerInteropCases {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PARTITIONS = 3;
    /**
     * Record timestamps an hour old: Kafka's time retention (7 days by record timestamp) deletes
     * older records, active segment included, from its first check 30 s after start.
     */
    private static final long BASE_TIMESTAMP_MS = System.currentTimeMillis() - 3_600_000L;

    private BrokerUnderTest kafka;
    private Admin admin;

    /** The broker this class's tests run against; started once, closed after the last test. */
    protected abstract BrokerUnderTest startBroker();

    @BeforeAll
    void start() {
        kafka = startBroker();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private void createTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    private Map<String, Object> producerConfig(Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("client.id", "samsa-producer-test");
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private SamsaProducer<byte[], byte[]> bytesProducer(Object... pairs) {
        return new SamsaProducer<>(producerConfig(pairs), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Every record of a topic, per partition in offset order, read with kafka-clients. */
    private Map<Integer, List<ConsumerRecord<byte[], byte[]>>> readAll(String topic, int partitions, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long deadline = System.nanoTime() + WAIT.toNanos();
            int read = 0;
            while (read < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
                    read++;
                }
            }
            // one more short poll: anything beyond the expected count is a duplicate
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
            }
        }
        return byPartition;
    }

    static Stream<Arguments> acksAndCompression() {
        List<Arguments> cases = new ArrayList<>();
        for (String acks : List.of("0", "1", "all")) {
            for (String compression : List.of("none", "gzip", "snappy", "lz4", "zstd")) {
                cases.add(Arguments.of(acks, compression));
            }
        }
        return cases.stream();
    }

    private record Sent(byte[] key, byte[] value, long timestampMs, String headerValue, Future<RecordMetadata> future) {
    }

    @ParameterizedTest(name = "acks={0} compression={1}")
    @MethodSource("acksAndCompression")
    void recordsReadBackIdenticalAndInOrder(String acks, String compression) throws Exception {
        String topic = "roundtrip-" + acks + "-" + compression;
        createTopic(topic, PARTITIONS);
        // acks=0 gets no answer: a partition not yet open on the broker right after creation drops the
        // request (and the broker closes the connection), so first make sure every partition takes writes
        int warmup = "0".equals(acks) ? 1 : 0;
        if (warmup > 0) {
            try (SamsaProducer<byte[], byte[]> producer = bytesProducer()) {
                for (int p = 0; p < PARTITIONS; p++) {
                    producer.send(new ProducerRecord<>(topic, p, null, new byte[0])).get(30, TimeUnit.SECONDS);
                }
            }
        }
        int count = 60;
        Map<Integer, List<Sent>> sentByPartition = new HashMap<>();
        List<Integer> callbackOrder = new ArrayList<>();
        try (SamsaProducer<byte[], byte[]> producer = bytesProducer("acks", acks, "compression.type", compression,
            "linger.ms", 5, "batch.size", 2048)) {
            long baseTimestampMs = BASE_TIMESTAMP_MS;
            for (int i = 0; i < count; i++) {
                byte[] key = i % 5 == 0 ? null : ("key-" + (i % 7)).getBytes(StandardCharsets.UTF_8);
                byte[] value = i % 11 == 0 ? null : ("value-" + i + "-" + "x".repeat(i)).getBytes(StandardCharsets.UTF_8);
                Integer partition = i % 4 == 0 ? i % PARTITIONS : null;
                String headerValue = "h" + i;
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition, baseTimestampMs + i, key, value,
                    List.of(new RecordHeader("index", headerValue.getBytes(StandardCharsets.UTF_8))));
                int index = i;
                Future<RecordMetadata> future = producer.send(record, (metadata, error) -> {
                    synchronized (callbackOrder) {
                        callbackOrder.add(index);
                    }
                });
                RecordMetadata metadata = future.get(30, TimeUnit.SECONDS);
                sentByPartition.computeIfAbsent(metadata.partition(), p -> new ArrayList<>())
                    .add(new Sent(key, value, baseTimestampMs + i, headerValue, future));
                if (partition != null) {
                    assertEquals(partition, metadata.partition());
                }
                if ("0".equals(acks)) {
                    assertFalse(metadata.hasOffset());
                } else {
                    assertEquals(sentByPartition.get(metadata.partition()).size() - 1, metadata.offset());
                    assertEquals(baseTimestampMs + i, metadata.timestamp());
                }
                assertEquals(key == null ? -1 : key.length, metadata.serializedKeySize());
                assertEquals(value == null ? -1 : value.length, metadata.serializedValueSize());
            }
            producer.flush();
        }
        assertEquals(count, callbackOrder.size());
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read = readAll(topic, PARTITIONS, count + warmup * PARTITIONS);
        for (Map.Entry<Integer, List<Sent>> entry : sentByPartition.entrySet()) {
            List<ConsumerRecord<byte[], byte[]>> all = read.getOrDefault(entry.getKey(), List.of());
            List<ConsumerRecord<byte[], byte[]>> got = all.subList(Math.min(warmup, all.size()), all.size());
            List<Sent> sent = entry.getValue();
            assertEquals(sent.size(), got.size(), "records in partition " + entry.getKey());
            for (int i = 0; i < sent.size(); i++) {
                ConsumerRecord<byte[], byte[]> record = got.get(i);
                assertEquals(i + warmup, record.offset());
                assertArrayEquals(sent.get(i).key(), record.key());
                assertArrayEquals(sent.get(i).value(), record.value());
                assertEquals(sent.get(i).timestampMs(), record.timestamp());
                Header header = record.headers().lastHeader("index");
                assertEquals(sent.get(i).headerValue(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void pipelinedAsyncSendsKeepPerPartitionOrder() throws Exception {
        String topic = "pipelined";
        createTopic(topic, PARTITIONS);
        int count = 5_000;
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        Map<Integer, List<Integer>> callbackOrder = new HashMap<>();
        try (SamsaProducer<String, String> producer = new SamsaProducer<>(producerConfig("batch.size", 4096, "linger.ms", 2),
            new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(producer.send(new ProducerRecord<>(topic, "k" + (i % 13), "v" + i), (metadata, error) -> {
                    callbackOrder.computeIfAbsent(metadata.partition(), p -> new ArrayList<>()).add(index);
                }));
            }
            producer.flush();
            for (Future<RecordMetadata> future : futures) {
                assertTrue(future.isDone());
                future.get();
            }
            Map<MetricName, ? extends Metric> metrics = producer.metrics();
            assertEquals((double) count, metricValue(metrics, "record-send-total"));
            assertTrue(metricValue(metrics, "record-send-rate") > 0);
            assertTrue(metricValue(metrics, "batch-size-avg") > 0);
            assertTrue(metricValue(metrics, "records-per-request-avg") >= 1);
            assertTrue(metricValue(metrics, "request-latency-max") >= metricValue(metrics, "request-latency-avg"));
            assertEquals(0.0, metricValue(metrics, "record-error-rate"));
            assertEquals(1.0, metricValue(metrics, "compression-rate-avg"), 0.01);
        }
        for (List<Integer> order : callbackOrder.values()) {
            for (int i = 1; i < order.size(); i++) {
                assertTrue(order.get(i - 1) < order.get(i), "callbacks out of order in a partition");
            }
        }
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read = readAll(topic, PARTITIONS, count);
        assertEquals(count, read.values().stream().mapToInt(List::size).sum());
    }

    private static double metricValue(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream().filter(e -> e.getKey().name().equals(name)).map(e -> (Double) e.getValue().metricValue())
            .findFirst().orElseThrow();
    }

    @Test
    void sameKeyLandsOnTheSamePartitionAsKafkasProducer() throws Exception {
        String topic = "same-key";
        int partitions = 7;
        createTopic(topic, partitions);
        Map<String, Object> kafkaConfig = Map.of("bootstrap.servers", kafka.bootstrapServers());
        try (SamsaProducer<String, String> ours = new SamsaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
             KafkaProducer<String, String> theirs = new KafkaProducer<>(kafkaConfig,
                 new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 0; i < 200; i++) {
                String key = "user-" + i * 7919;
                int ourPartition = ours.send(new ProducerRecord<>(topic, key, "samsa")).get(30, TimeUnit.SECONDS).partition();
                int theirPartition = theirs.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, "kafka"))
                    .get(30, TimeUnit.SECONDS).partition();
                assertEquals(theirPartition, ourPartition, "partition of key " + key);
            }
        }
    }

    @Test
    void idempotentSendsSurviveDisconnectsWithoutDuplicates() throws Exception {
        String topic = "idempotent-disconnect";
        createTopic(topic, PARTITIONS);
        int count = 3_000;
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        try (SamsaProducer<String, String> producer = new SamsaProducer<>(producerConfig("batch.size", 256, "linger.ms", 0,
            "retry.backoff.ms", 10, "enable.idempotence", true), new StringSerializer(), new StringSerializer())) {
            producer.partitionsFor(topic);
            // every 7th produce request, cut the connection right after handing it over: the cut is queued on the
            // network thread behind the request, so it always lands while that request is in flight
            io.samsa.client.internals.network.NetworkClient network = producer.networkClient();
            AtomicInteger sends = new AtomicInteger();
            AtomicInteger cuts = new AtomicInteger();
            producer.afterProduceSent(node -> {
                if (sends.incrementAndGet() % 7 == 3 && cuts.get() < 10) {
                    cuts.incrementAndGet();
                    network.disconnect(node);
                }
            });
            for (int i = 0; i < count; i++) {
                futures.add(producer.send(new ProducerRecord<>(topic, "k" + (i % 17), String.valueOf(i))));
            }
            producer.flush();
            int disconnects = cuts.get();
            assertTrue(disconnects >= 5, "only " + disconnects + " disconnects");
            for (Future<RecordMetadata> future : futures) {
                future.get();
            }
            assertTrue(metricValue(producer.metrics(), "record-retry-total") > 0, "the disconnects hit requests in flight");
        }
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read = readAll(topic, PARTITIONS, count);
        Set<String> values = new java.util.HashSet<>();
        int total = 0;
        for (List<ConsumerRecord<byte[], byte[]>> records : read.values()) {
            int previous = -1;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                int value = Integer.parseInt(new String(record.value(), StandardCharsets.UTF_8));
                assertTrue(value > previous, "partition order broken at " + value + " after " + previous);
                previous = value;
                values.add(String.valueOf(value));
                total++;
            }
        }
        assertEquals(count, total, "records in the log (duplicates or losses)");
        assertEquals(count, values.size());
    }

    /** What a consumer sees of one record, consumer- and producer-neutral, for comparing the four combinations. */
    private record Seen(int partition, long offset, long timestampMs, String key, String value, List<String> headers) {
    }

    @Test
    void samsaProducedRecordsReadByKafkaConsumerAndTheReverseAreIdentical() throws Exception {
        String ours = "identical-samsa-produced";
        String theirs = "identical-kafka-produced";
        createTopic(ours, PARTITIONS);
        createTopic(theirs, PARTITIONS);
        int count = 200;
        long baseTimestampMs = BASE_TIMESTAMP_MS;
        try (SamsaProducer<String, String> samsa = new SamsaProducer<>(producerConfig("linger.ms", 5, "compression.type", "lz4"),
                 new StringSerializer(), new StringSerializer());
             KafkaProducer<String, String> kafkaProducer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                 "linger.ms", 5, "compression.type", "lz4"),
                 new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 0; i < count; i++) {
                String key = i % 9 == 0 ? null : "key-" + (i % 23);
                String value = i % 13 == 0 ? null : "value-" + i + "-" + "\u00e9".repeat(i % 5);
                Integer partition = key == null ? i % PARTITIONS : null;
                byte[] header = ("h" + i).getBytes(StandardCharsets.UTF_8);
                samsa.send(new ProducerRecord<>(ours, partition, baseTimestampMs + i, key, value,
                    List.of(new RecordHeader("i", header), new RecordHeader("empty", new byte[0]))));
                org.apache.kafka.clients.producer.ProducerRecord<String, String> record =
                    new org.apache.kafka.clients.producer.ProducerRecord<>(theirs, partition, baseTimestampMs + i, key, value);
                record.headers().add("i", header).add("empty", new byte[0]);
                kafkaProducer.send(record);
            }
            samsa.flush();
            kafkaProducer.flush();
        }
        List<Seen> oursByKafka = readWithKafkaConsumer(ours, count);
        List<Seen> theirsBySamsa = readWithSamsaConsumer(theirs, count);
        assertEquals(count, oursByKafka.size());
        assertEquals(oursByKafka, theirsBySamsa, "Samsa-produced read by kafka-clients vs kafka-clients-produced read by Samsa");
        assertEquals(oursByKafka, readWithSamsaConsumer(ours, count), "Samsa-produced read by both consumers");
        assertEquals(oursByKafka, readWithKafkaConsumer(theirs, count), "kafka-clients-produced read by both consumers");
    }

    private List<Seen> readWithKafkaConsumer(String topic, int expected) {
        List<Seen> seen = new ArrayList<>();
        for (List<ConsumerRecord<byte[], byte[]>> records : readAll(topic, PARTITIONS, expected).values()) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                List<String> headers = new ArrayList<>();
                r.headers().forEach(h -> headers.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
                seen.add(new Seen(r.partition(), r.offset(), r.timestamp(), string(r.key()), string(r.value()), headers));
            }
        }
        seen.sort(java.util.Comparator.comparingInt(Seen::partition).thenComparingLong(Seen::offset));
        return seen;
    }

    private List<Seen> readWithSamsaConsumer(String topic, int expected) {
        List<Seen> seen = new ArrayList<>();
        Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers(),
            "key.deserializer", io.samsa.client.serialization.ByteArrayDeserializer.class,
            "value.deserializer", io.samsa.client.serialization.ByteArrayDeserializer.class);
        try (io.samsa.client.consumer.SamsaConsumer<byte[], byte[]> consumer = new io.samsa.client.consumer.SamsaConsumer<>(config)) {
            List<io.samsa.client.common.TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new io.samsa.client.common.TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            io.samsa.protocol.testing.Await.until(WAIT, expected + " records of " + topic, () -> {
                for (io.samsa.client.consumer.ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    List<String> headers = new ArrayList<>();
                    r.headers().forEach(h -> headers.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
                    seen.add(new Seen(r.partition(), r.offset(), r.timestamp(), string(r.key()), string(r.value()), headers));
                }
                return seen.size() >= expected;
            });
        }
        seen.sort(java.util.Comparator.comparingInt(Seen::partition).thenComparingLong(Seen::offset));
        return seen;
    }

    private static String string(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Sends everything to the last partition. */
    public static final class LastPartitioner implements Partitioner {
        @Override
        public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes,
                             io.samsa.client.common.Cluster cluster) {
            return cluster.partitionsForTopic(topic).size() - 1;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void customPartitionerAndStickyUnkeyedRecords() throws Exception {
        String topic = "custom-partitioner";
        createTopic(topic, PARTITIONS);
        try (SamsaProducer<byte[], byte[]> producer = bytesProducer("partitioner.class", LastPartitioner.class.getName())) {
            for (int i = 0; i < 10; i++) {
                assertEquals(PARTITIONS - 1, producer.send(new ProducerRecord<>(topic, ("k" + i).getBytes(), new byte[1])).get().partition());
            }
        }
        try (SamsaProducer<byte[], byte[]> producer = bytesProducer("linger.ms", 60_000, "batch.size", 100_000,
            "delivery.timeout.ms", 120_000)) {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(producer.send(new ProducerRecord<>(topic, new byte[10])));
            }
            producer.flush();
            Set<Integer> used = new java.util.HashSet<>();
            for (Future<RecordMetadata> future : futures) {
                used.add(future.get().partition());
            }
            assertEquals(1, used.size(), "unkeyed records stick to one partition while its batch fills");
        }
    }

    @Test
    void logAppendTimeComesFromTheBroker() throws Exception {
        String topic = "log-append-time";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("message.timestamp.type", "LogAppendTime"))))
            .all().get(30, TimeUnit.SECONDS);
        long sentTimestampMs = 1_000_000L;
        RecordMetadata metadata;
        try (SamsaProducer<byte[], byte[]> producer = bytesProducer()) {
            metadata = producer.send(new ProducerRecord<>(topic, null, sentTimestampMs, null, new byte[1])).get(30, TimeUnit.SECONDS);
        }
        assertTrue(metadata.timestamp() > sentTimestampMs);
        ConsumerRecord<byte[], byte[]> read = readAll(topic, 1, 1).get(0).get(0);
        assertEquals(read.timestamp(), metadata.timestamp());
    }

    @Test
    void bufferExhaustionFailsAfterMaxBlock() throws Exception {
        String topic = "buffer-full";
        createTopic(topic, PARTITIONS);
        try (SamsaProducer<byte[], byte[]> producer = bytesProducer("buffer.memory", 32_768, "batch.size", 16_384,
            "linger.ms", 60_000, "delivery.timeout.ms", 120_000, "max.block.ms", 300)) {
            producer.partitionsFor(topic);
            Future<RecordMetadata> first = producer.send(new ProducerRecord<>(topic, 0, null, new byte[10]));
            Future<RecordMetadata> second = producer.send(new ProducerRecord<>(topic, 1, null, new byte[10]));
            long startNs = System.nanoTime();
            AtomicInteger callbacks = new AtomicInteger();
            Future<RecordMetadata> third = producer.send(new ProducerRecord<>(topic, 2, null, new byte[10]),
                (metadata, error) -> {
                    assertInstanceOf(TimeoutException.class, error);
                    callbacks.incrementAndGet();
                });
            long blockedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> third.get(1, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, failure.getCause());
            // the producer's deadline is on a millisecond clock: it may end up to 1 ms short of 300 ms measured in nanos
            assertTrue(blockedMs >= 299, "blocked only " + blockedMs + " ms");
            assertEquals(1, callbacks.get());
            producer.flush();
            assertEquals(0, first.get().offset());
            assertEquals(0, second.get().offset());
        }
    }

    @Test
    void oversizedRecordFailsThroughFutureAndCallback() throws Exception {
        String topic = "too-large";
        createTopic(topic, 1);
        try (SamsaProducer<byte[], byte[]> producer = bytesProducer("max.request.size", 10_000)) {
            AtomicInteger callbacks = new AtomicInteger();
            Future<RecordMetadata> future = producer.send(new ProducerRecord<>(topic, new byte[20_000]), (metadata, error) -> {
                assertInstanceOf(RecordTooLargeException.class, error);
                callbacks.incrementAndGet();
            });
            ExecutionException failure = assertThrows(ExecutionException.class, future::get);
            assertInstanceOf(RecordTooLargeException.class, failure.getCause());
            assertEquals(1, callbacks.get());
            assertEquals(0, producer.send(new ProducerRecord<>(topic, new byte[100])).get().offset());
        }
    }

    @Test
    void partitionsForWaitsForTheTopicAndRejectsAnInvalidName() throws Exception {
        String topic = "described";
        createTopic(topic, 4);
        try (SamsaProducer<byte[], byte[]> producer = bytesProducer("max.block.ms", 500)) {
            List<PartitionInfo> partitions = producer.partitionsFor(topic);
            assertEquals(4, partitions.size());
            assertEquals(kafka.nodeId(), partitions.get(0).leader().id());
            admin.createTopics(List.of(new NewTopic("never-created-here", 1, (short) 1))).all().get();
            assertEquals(1, producer.partitionsFor("never-created-here").size());
        }
        try (SamsaProducer<byte[], byte[]> producer = bytesProducer("max.block.ms", 5_000)) {
            assertThrows(InvalidTopicException.class, () -> producer.partitionsFor("invalid topic name!"));
        }
    }

    @Test
    void closeAfterCloseIsANoOpAndSendAfterCloseThrows() {
        SamsaProducer<byte[], byte[]> producer = bytesProducer();
        producer.close(Duration.ofSeconds(5));
        producer.close();
        assertThrows(IllegalStateException.class, () -> producer.send(new ProducerRecord<>("t", new byte[1])));
    }
}
