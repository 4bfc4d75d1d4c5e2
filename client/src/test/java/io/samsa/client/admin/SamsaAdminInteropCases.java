package io.samsa.client.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.OffsetAndMetadata;
import io.samsa.client.errors.GroupIdNotFoundException;
import io.samsa.client.errors.InvalidPartitionsException;
import io.samsa.client.errors.TopicExistsException;
import io.samsa.client.errors.UnknownMemberIdException;
import io.samsa.client.errors.UnknownTopicOrPartitionException;
import io.samsa.client.testing.BrokerUnderTest;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.types.Uuid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SamsaAdmin against the broker a subclass starts on 127.0.0.1 ({@code SamsaAdminOnKafkaTest},
 * {@code SamsaAdminOnSamsaTest}), with kafka-clients producing and consuming. One broker per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SamsaAdminInteropCases {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private BrokerUnderTest kafka;
    private SamsaAdmin admin;

    /** The broker this class's tests run against; started once, closed after the last test. */
    protected abstract BrokerUnderTest startBroker();

    @BeforeAll
    void start() {
        kafka = startBroker();
        admin = SamsaAdmin.create(Map.of("bootstrap.servers", kafka.bootstrapServers(), "client.id", "samsa-admin-test",
            "request.timeout.ms", "10000", "default.api.timeout.ms", "20000"));
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

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> future) throws Exception {
        try {
            get(future);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void topicLifecycle() throws Exception {
        String name = "admin-lifecycle";
        get(admin.createTopics(List.of(new NewTopic(name, 3, (short) 1)), true).all());
        assertFalse(get(admin.listTopics()).containsKey(name), "validateOnly creates nothing");

        NewTopic topic = new NewTopic(name, 3, (short) 1).configs(Map.of("retention.ms", "123456"));
        get(admin.createTopics(List.of(topic)).all());
        assertInstanceOf(TopicExistsException.class, failure(admin.createTopics(List.of(topic)).value(name)));

        TopicDescription description = get(admin.describeTopics(List.of(name)).value(name));
        assertEquals(3, description.partitions().size());
        assertEquals(List.of(0, 1, 2), description.partitions().stream().map(TopicPartitionInfo::partition).toList());
        assertEquals(kafka.nodeId(), description.partitions().get(0).leader().id());
        assertNotEquals(Uuid.ZERO, description.topicId());
        assertFalse(description.internal());
        TopicListing listing = get(admin.listTopics()).get(name);
        assertEquals(description.topicId(), listing.topicId());

        get(admin.createPartitions(Map.of(name, 5)).all());
        Await.until(WAIT, "5 partitions", () -> admin.describeTopics(List.of(name)).value(name).join().partitions().size() == 5);
        assertInstanceOf(InvalidPartitionsException.class, failure(admin.createPartitions(Map.of(name, 2)).value(name)));

        Map<String, ConfigEntry> configs = get(admin.describeTopicConfigs(List.of(name)).value(name));
        assertEquals("123456", configs.get("retention.ms").value());
        assertEquals(ConfigEntry.Source.DYNAMIC_TOPIC_CONFIG, configs.get("retention.ms").source());
        assertTrue(configs.get("cleanup.policy").isDefault());

        get(admin.deleteTopics(List.of(name)).all());
        Await.until(WAIT, "the topic to disappear", () -> !admin.listTopics().join().containsKey(name));
        assertInstanceOf(UnknownTopicOrPartitionException.class, failure(admin.describeTopics(List.of(name)).value(name)));
    }

    @Test
    void describesTheCluster() throws Exception {
        ClusterDescription cluster = get(admin.describeCluster());
        assertEquals(kafka.clusterId(), cluster.clusterId());
        assertEquals(1, cluster.nodes().size());
        assertEquals(kafka.port(), cluster.nodes().get(0).port());
        assertEquals("127.0.0.1", cluster.nodes().get(0).host());
        assertNotNull(cluster.controller());
        assertTrue(get(admin.listTopics(true)).size() >= get(admin.listTopics()).size());
    }

    @Test
    void listsOffsetsAndDeletesRecords() throws Exception {
        String name = "admin-offsets";
        get(admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all());
        long t0 = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(name, 0, t0 + i * 1000L, "k" + i, "v" + i)).get();
            }
        }
        TopicPartition tp = new TopicPartition(name, 0);
        assertEquals(0, get(admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).value(tp)).offset());
        assertEquals(10, get(admin.listOffsets(Map.of(tp, OffsetSpec.latest())).value(tp)).offset());
        ListOffsetsResultInfo byTime = get(admin.listOffsets(Map.of(tp, OffsetSpec.forTimestamp(t0 + 3500))).value(tp));
        assertEquals(4, byTime.offset());
        assertEquals(t0 + 4000, byTime.timestamp());
        ListOffsetsResultInfo max = get(admin.listOffsets(Map.of(tp, OffsetSpec.maxTimestamp())).value(tp));
        assertEquals(9, max.offset());
        assertEquals(t0 + 9000, max.timestamp());

        assertEquals(4L, get(admin.deleteRecords(Map.of(tp, 4L)).value(tp)));
        assertEquals(4, get(admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).value(tp)).offset());

        TopicPartition missing = new TopicPartition("admin-no-such-topic", 0);
        assertInstanceOf(UnknownTopicOrPartitionException.class,
            failure(admin.listOffsets(Map.of(missing, OffsetSpec.latest())).value(missing)));
    }

    @Test
    void consumerGroupLifecycle() throws Exception {
        String name = "admin-groups";
        String group = "admin-group";
        get(admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all());
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 6; i++) {
                producer.send(new ProducerRecord<>(name, i % 2, "k" + i, "v" + i)).get();
            }
        }
        TopicPartition p0 = new TopicPartition(name, 0);
        TopicPartition p1 = new TopicPartition(name, 1);
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.subscribe(List.of(name));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            long deadlineNs = System.nanoTime() + WAIT.toNanos();
            while (seen.size() < 6 && System.nanoTime() < deadlineNs) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            assertEquals(6, seen.size());
            consumer.commitSync(Map.of(
                new org.apache.kafka.common.TopicPartition(name, 0), new org.apache.kafka.clients.consumer.OffsetAndMetadata(2, "m0"),
                new org.apache.kafka.common.TopicPartition(name, 1), new org.apache.kafka.clients.consumer.OffsetAndMetadata(1)));

            ConsumerGroupDescription described = get(admin.describeConsumerGroups(List.of(group)).value(group));
            assertEquals("Stable", described.state());
            assertEquals("range", described.partitionAssignor());
            assertFalse(described.simpleConsumerGroup());
            assertEquals(1, described.members().size());
            assertEquals(Set.of(p0, p1), described.members().get(0).assignment());
            assertEquals(kafka.nodeId(), described.coordinator().id());

            assertTrue(get(admin.listConsumerGroups()).stream().anyMatch(g -> g.groupId().equals(group) && g.state().equals("Stable")));

            Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group));
            assertEquals(2, committed.get(p0).offset());
            assertEquals("m0", committed.get(p0).metadata());
            assertEquals(1, committed.get(p1).offset());

            Map<TopicPartition, PartitionLag> lag = get(admin.consumerLag(group));
            assertEquals(new PartitionLag(2, 3), lag.get(p0));
            assertEquals(2, lag.get(p1).lag());

            assertInstanceOf(UnknownMemberIdException.class,
                failure(admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(0))).value(p0)));
        }
        Await.until(WAIT, "the group to empty", () -> "Empty".equals(
            admin.describeConsumerGroups(List.of(group)).value(group).join().state()));
        get(admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(1, "reset"))).all());
        Map<TopicPartition, OffsetAndMetadata> altered = get(admin.listConsumerGroupOffsets(group));
        assertEquals(1, altered.get(p0).offset());
        assertEquals("reset", altered.get(p0).metadata());
        assertEquals(1, altered.get(p1).offset());

        get(admin.deleteConsumerGroups(List.of(group)).all());
        assertFalse(get(admin.listConsumerGroups()).stream().anyMatch(g -> g.groupId().equals(group)));
        assertInstanceOf(GroupIdNotFoundException.class, failure(admin.describeConsumerGroups(List.of(group)).value(group)));
        assertInstanceOf(GroupIdNotFoundException.class, failure(admin.deleteConsumerGroups(List.of(group)).value(group)));
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    private KafkaConsumer<String, String> consumer(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }
}
