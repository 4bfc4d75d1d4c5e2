package io.samsa.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka-clients 4.1 (the oracle) against the assembled broker: classic-protocol group consumers
 * with the range and cooperative-sticky assignors splitting a topic, resuming from committed
 * offsets, and the Admin client's group operations.
 */
class GroupKafkaClientsTest extends AdminBrokerTestSupport {
    private static final String TOPIC = "events";
    private static final int PARTITIONS = 4;
    private static final int RECORDS_PER_PARTITION = 10;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeEach
    void seed() throws Exception {
        admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        produce(RECORDS_PER_PARTITION);
    }

    @ParameterizedTest
    @ValueSource(classes = {RangeAssignor.class, CooperativeStickyAssignor.class})
    void twoConsumersSplitTheTopicAndANewMemberResumesFromCommittedOffsets(Class<?> assignor) throws Exception {
        String group = "split-" + assignor.getSimpleName();
        List<ConsumerRecord<String, String>> consumed = new ArrayList<>();
        try (KafkaConsumer<String, String> first = consumer(group, assignor);
             KafkaConsumer<String, String> second = consumer(group, assignor)) {
            first.subscribe(List.of(TOPIC));
            Await.until(WAIT, "the first consumer owns every partition", () -> {
                pollAndCommit(first, consumed);
                return first.assignment().size() == PARTITIONS;
            });
            second.subscribe(List.of(TOPIC));
            Await.until(WAIT, "two consumers splitting the partitions", () -> {
                pollAndCommit(first, consumed);
                pollAndCommit(second, consumed);
                return first.assignment().size() == PARTITIONS / 2 && second.assignment().size() == PARTITIONS / 2;
            });
            Set<TopicPartition> union = new HashSet<>(first.assignment());
            union.addAll(second.assignment());
            assertEquals(PARTITIONS, union.size(), "disjoint halves");
            Await.until(WAIT, "every record consumed", () -> {
                pollAndCommit(first, consumed);
                pollAndCommit(second, consumed);
                return distinct(consumed) == PARTITIONS * RECORDS_PER_PARTITION;
            });
        }

        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            assertEquals(RECORDS_PER_PARTITION, committed.get(new TopicPartition(TOPIC, partition)).offset());
        }

        produce(1);
        List<ConsumerRecord<String, String>> resumed = new ArrayList<>();
        try (KafkaConsumer<String, String> third = consumer(group, assignor)) {
            third.subscribe(List.of(TOPIC));
            Await.until(WAIT, "the new records", () -> {
                pollAndCommit(third, resumed);
                return resumed.size() >= PARTITIONS;
            });
        }
        assertEquals(PARTITIONS, resumed.size(), "only records after the committed offsets");
        resumed.forEach(record -> assertEquals(RECORDS_PER_PARTITION, record.offset()));
    }

    @Test
    void aStaticMemberCommitsWithItsInstanceIdAndKeepsItsIdentityAcrossARestart() throws Exception {
        String group = "static-group";
        List<ConsumerRecord<String, String>> consumed = new ArrayList<>();
        String memberId;
        try (KafkaConsumer<String, String> consumer = staticConsumer(group, "instance-1")) {
            consumer.subscribe(List.of(TOPIC));
            Await.until(WAIT, "every record consumed", () -> {
                pollAndCommit(consumer, consumed);
                return distinct(consumed) == PARTITIONS * RECORDS_PER_PARTITION;
            });
            memberId = consumer.groupMetadata().memberId();
            MemberDescription member = onlyMember(group);
            assertEquals("instance-1", member.groupInstanceId().orElseThrow());
            assertEquals(memberId, member.consumerId());
        }
        // A static member does not leave on close: the group keeps it until its session times out.
        assertEquals("instance-1", onlyMember(group).groupInstanceId().orElseThrow());

        produce(1);
        List<ConsumerRecord<String, String>> resumed = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = staticConsumer(group, "instance-1")) {
            consumer.subscribe(List.of(TOPIC));
            Await.until(WAIT, "the new records", () -> {
                pollAndCommit(consumer, resumed);
                return resumed.size() >= PARTITIONS;
            });
            assertEquals(1, admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members().size(),
                    "the restarted instance replaced its old member");
        }
        resumed.forEach(record -> assertEquals(RECORDS_PER_PARTITION, record.offset()));
    }

    private MemberDescription onlyMember(String group) throws Exception {
        ConsumerGroupDescription described = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
        assertEquals(1, described.members().size());
        return described.members().iterator().next();
    }

    private KafkaConsumer<String, String> staticConsumer(String group, String instanceId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        return consumer(group, RangeAssignor.class, props);
    }

    @Test
    void adminListsDescribesAltersAndDeletesGroups() throws Exception {
        String group = "admin-group";
        try (KafkaConsumer<String, String> consumer = consumer(group, RangeAssignor.class)) {
            consumer.subscribe(List.of(TOPIC));
            List<ConsumerRecord<String, String>> consumed = new ArrayList<>();
            // Every record read and committed, so the committed offsets checked below are final.
            Await.until(WAIT, "the consumer owns every partition and read every record", () -> {
                pollAndCommit(consumer, consumed);
                return consumer.assignment().size() == PARTITIONS && distinct(consumed) == PARTITIONS * RECORDS_PER_PARTITION;
            });

            Map<String, GroupListing> listed = new HashMap<>();
            admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().forEach(listing -> listed.put(listing.groupId(), listing));
            assertEquals(GroupState.STABLE, listed.get(group).groupState().orElseThrow());
            assertEquals(GroupType.CLASSIC, listed.get(group).type().orElseThrow());
            assertEquals("consumer", listed.get(group).protocol());
            assertTrue(admin.listGroups(ListGroupsOptions.forConsumerGroups().inGroupStates(Set.of(GroupState.EMPTY)))
                    .all().get().isEmpty(), "the states filter reaches the broker");

            ConsumerGroupDescription described = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
            assertEquals(GroupState.STABLE, described.groupState());
            assertEquals("range", described.partitionAssignor());
            assertEquals(1, described.members().size());
            MemberDescription member = described.members().iterator().next();
            assertEquals(PARTITIONS, member.assignment().topicPartitions().size());
            assertEquals(broker.broker.config().nodeId(), described.coordinator().id());

            ExecutionException busy = assertThrows(ExecutionException.class,
                    () -> admin.deleteConsumerGroups(List.of(group)).all().get());
            assertInstanceOf(GroupNotEmptyException.class, busy.getCause());
        }

        TopicPartition first = new TopicPartition(TOPIC, 0);
        admin.alterConsumerGroupOffsets(group, Map.of(first, new OffsetAndMetadata(3, "rewound"))).all().get();
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        assertEquals(3, offsets.get(first).offset());
        assertEquals("rewound", offsets.get(first).metadata());
        assertEquals(RECORDS_PER_PARTITION, offsets.get(new TopicPartition(TOPIC, 1)).offset());

        admin.deleteConsumerGroupOffsets(group, Set.of(first)).all().get();
        assertTrue(!admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().containsKey(first));

        admin.deleteConsumerGroups(List.of(group)).all().get();
        assertTrue(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().isEmpty());
        assertTrue(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                .noneMatch(listing -> listing.groupId().equals(group)));
    }

    private void produce(int perPartition) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                for (int i = 0; i < perPartition; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, partition, "k" + i, "v" + partition + "-" + i)).get();
                }
            }
        }
    }

    private KafkaConsumer<String, String> consumer(String group, Class<?> assignor) {
        return consumer(group, assignor, new Properties());
    }

    private KafkaConsumer<String, String> consumer(String group, Class<?> assignor, Properties extra) {
        Properties props = new Properties();
        props.putAll(extra);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "500");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    /** One short poll; what it returned is added to {@code sink} and committed synchronously. */
    private static void pollAndCommit(KafkaConsumer<String, String> consumer, List<ConsumerRecord<String, String>> sink) {
        var records = consumer.poll(Duration.ofMillis(100));
        records.forEach(sink::add);
        if (!records.isEmpty()) {
            consumer.commitSync();
        }
    }

    private static long distinct(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> record.partition() + "@" + record.offset()).distinct().count();
    }
}
