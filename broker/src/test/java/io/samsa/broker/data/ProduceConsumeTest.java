package io.samsa.broker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka-clients 4.1 producers and consumers against the real broker on 127.0.0.1: every acks
 * setting under every codec, a restart, and the offset APIs through the Admin client.
 */
class ProduceConsumeTest {
    private static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final long BASE_TIMESTAMP_MS = 1_700_000_000_000L;
    private static final int PARTITIONS = 3;

    @TempDir
    Path dir;

    /** What a test sent, to compare with what it reads. */
    private record Sent(String combo, int index, String key, String value, long timestampMs) {
    }

    @Test
    void everyRecordArrivesOnceAndInOrderUnderEveryAcksAndCodec() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "events", PARTITIONS, Map.of());
            Map<Integer, List<Sent>> sent = new TreeMap<>();
            for (String acks : List.of("all", "1", "0")) {
                for (String codec : CODECS) {
                    produce(broker, "events", acks, codec, 24, sent);
                }
            }
            Map<Integer, List<ConsumerRecord<String, String>>> read = consumeAll(broker, "events", PARTITIONS, count(sent));
            for (int partition = 0; partition < PARTITIONS; partition++) {
                assertSameRecords(sent.get(partition), read.get(partition));
            }
        }
    }

    @Test
    void aRestartKeepsEveryRecordAndTopic() throws Exception {
        Map<Integer, List<Sent>> sent = new TreeMap<>();
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "durable", 2, Map.of());
            produce(broker, "durable", "all", "lz4", 40, sent);
        }
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            try (Admin admin = DataBrokers.admin(broker)) {
                assertEquals(Set.of("durable"), admin.listTopics().names().get());
            }
            Map<Integer, List<ConsumerRecord<String, String>>> read = consumeAll(broker, "durable", 2, count(sent));
            for (int partition = 0; partition < 2; partition++) {
                assertSameRecords(sent.get(partition), read.get(partition));
            }
            // the restarted broker keeps appending after the recovered records
            produce(broker, "durable", "all", "none", 4, sent);
            assertEquals(count(sent), consumeAll(broker, "durable", 2, count(sent)).values().stream().mapToInt(List::size).sum());
        }
    }

    @Test
    void listOffsetsAndDeleteRecordsThroughTheAdminClient() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "offsets", 1, Map.of());
            produce(broker, "offsets", "1", "none", 30, new TreeMap<>()); // one partition: all to 0
            TopicPartition tp = new TopicPartition("offsets", 0);
            try (Admin admin = DataBrokers.admin(broker)) {
                assertEquals(0, admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset());
                assertEquals(30, admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset());
                assertEquals(29, admin.listOffsets(Map.of(tp, OffsetSpec.maxTimestamp())).partitionResult(tp).get().offset());
                assertEquals(10, admin.listOffsets(Map.of(tp, OffsetSpec.forTimestamp(BASE_TIMESTAMP_MS + 10)))
                        .partitionResult(tp).get().offset());
                assertEquals(-1, admin.listOffsets(Map.of(tp, OffsetSpec.forTimestamp(BASE_TIMESTAMP_MS + 1000)))
                        .partitionResult(tp).get().offset());
                assertEquals(12, admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(12))).lowWatermarks().get(tp)
                        .get().lowWatermark());
                assertEquals(12, admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset());
            }
            List<ConsumerRecord<String, String>> rest = consumeAll(broker, "offsets", 1, 18).get(0);
            assertEquals(12, rest.get(0).offset());
            assertEquals(18, rest.size());
        }
    }

    /** Sends {@code count} records, round robin over the partitions (or all to 0 for a 1-partition topic). */
    private static void produce(Broker broker, String topic, String acks, String codec, int count,
            Map<Integer, List<Sent>> sent) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DataBrokers.bootstrap(broker));
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        if (!acks.equals("all")) {
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        }
        String combo = acks + "/" + codec;
        int partitions;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            partitions = producer.partitionsFor(topic).size();
            for (int i = 0; i < count; i++) {
                int partition = i % partitions;
                String key = "key-" + i;
                String value = combo + " value " + i + " " + "x".repeat(i * 7);
                long timestamp = BASE_TIMESTAMP_MS + i;
                List<Header> headers = List.of(new RecordHeader("combo", combo.getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader("index", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value, headers));
                sent.computeIfAbsent(partition, p -> new ArrayList<>()).add(new Sent(combo, i, key, value, timestamp));
            }
            producer.flush();
        }
    }

    private static int count(Map<Integer, List<Sent>> sent) {
        return sent.values().stream().mapToInt(List::size).sum();
    }

    private static Map<Integer, List<ConsumerRecord<String, String>>> consumeAll(Broker broker, String topic, int partitions,
            int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, DataBrokers.bootstrap(broker));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "4096"); // several fetches, KIP-74 for big batches
        Map<Integer, List<ConsumerRecord<String, String>>> read = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
                read.put(p, new ArrayList<>());
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int total = 0;
            while (total < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    read.get(record.partition()).add(record);
                    total++;
                }
            }
            // one more poll: nothing beyond what was sent may show up
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                read.get(record.partition()).add(record);
            }
        }
        return read;
    }

    /**
     * Same records, each once; in each producer's send order within the partition (acks=0 producers
     * on separate connections may interleave with the next one, so order is checked per producer).
     */
    private static void assertSameRecords(List<Sent> sent, List<ConsumerRecord<String, String>> read) {
        assertEquals(sent.size(), read.size(), "record count");
        Map<String, List<Sent>> sentByCombo = new TreeMap<>();
        for (Sent s : sent) {
            sentByCombo.computeIfAbsent(s.combo(), c -> new ArrayList<>()).add(s);
        }
        Map<String, List<Sent>> readByCombo = new TreeMap<>();
        long previousOffset = -1;
        for (ConsumerRecord<String, String> record : read) {
            assertTrue(record.offset() > previousOffset, "offsets increase");
            previousOffset = record.offset();
            String combo = new String(record.headers().lastHeader("combo").value(), StandardCharsets.UTF_8);
            int index = Integer.parseInt(new String(record.headers().lastHeader("index").value(), StandardCharsets.UTF_8));
            readByCombo.computeIfAbsent(combo, c -> new ArrayList<>())
                    .add(new Sent(combo, index, record.key(), record.value(), record.timestamp()));
        }
        assertEquals(sentByCombo, readByCombo);
    }
}
