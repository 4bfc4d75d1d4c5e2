package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.testing.Await;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kafka-clients 4.1 Admin client's group operations against our broker while real consumers
 * use the group: list, describe (state, members, assignor, assignment), list offsets, alter
 * offsets (then a consumer resumes from them), and delete (refused while members remain).
 */
class AdminGroupsInteropTest extends SharedBrokerTestBase {
    private static final String TOPIC = "admin-topic";
    private static final int PARTITIONS = 4;
    private static final int PER_PARTITION = 8;

    @BeforeAll
    static void createTopic() throws Exception {
        broker.createTopic(TOPIC, PARTITIONS);
        TopicRecords.produce(broker.bootstrap(), TOPIC, PARTITIONS, 0, PER_PARTITION);
    }

    @Test
    void listDescribeAlterAndDeleteGroups() throws Exception {
        Admin admin = broker.admin();
        String group = "admin-group";
        Map<String, String> roundRobin = Map.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                org.apache.kafka.clients.consumer.RoundRobinAssignor.class.getName(),
                ConsumerConfig.CLIENT_ID_CONFIG, "admin-test-client");
        try (KafkaConsumer<String, String> first = GroupConsumers.open(broker.bootstrap(), group, roundRobin);
             KafkaConsumer<String, String> second = GroupConsumers.open(broker.bootstrap(), group, roundRobin)) {
            List<Consumed> read = new ArrayList<>();
            first.subscribe(List.of(TOPIC));
            Await.until(GroupsBroker.WAIT, "the first member owning every partition", () -> {
                GroupConsumers.pollAndCommit(first, read);
                return first.assignment().size() == PARTITIONS;
            });
            second.subscribe(List.of(TOPIC));
            Await.until(GroupsBroker.WAIT, "two members reading every record", () -> {
                GroupConsumers.pollAndCommit(first, read);
                GroupConsumers.pollAndCommit(second, read);
                return first.assignment().size() == 2 && second.assignment().size() == 2
                        && Consumed.distinct(read) == PARTITIONS * PER_PARTITION;
            });

            GroupListing listed = admin.listGroups().all().get().stream()
                    .filter(listing -> listing.groupId().equals(group)).findFirst().orElseThrow();
            assertEquals("consumer", listed.protocol());
            assertEquals(GroupState.STABLE, listed.groupState().orElseThrow());

            ConsumerGroupDescription described = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            assertEquals(GroupState.STABLE, described.groupState());
            assertEquals("roundrobin", described.partitionAssignor());
            assertEquals(2, described.members().size());
            Set<TopicPartition> assigned = new HashSet<>();
            for (MemberDescription member : described.members()) {
                assertEquals("admin-test-client", member.clientId());
                assertEquals(2, member.assignment().topicPartitions().size());
                assigned.addAll(member.assignment().topicPartitions());
            }
            assertEquals(Set.of(first.assignment(), second.assignment()).stream().flatMap(Set::stream).collect(java.util.stream.Collectors.toSet()),
                    assigned, "described assignment matches the consumers'");

            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            assertEquals(PARTITIONS, offsets.size());
            offsets.values().forEach(offset -> assertEquals(PER_PARTITION, offset.offset()));

            ExecutionException busy = assertThrows(ExecutionException.class, () -> admin.deleteConsumerGroups(List.of(group)).all().get());
            assertInstanceOf(GroupNotEmptyException.class, busy.getCause());
        }

        Await.until(GroupsBroker.WAIT, "the group empty after both members left", () -> describeState(admin, group) == GroupState.EMPTY);
        TopicPartition rewound = new TopicPartition(TOPIC, 2);
        admin.alterConsumerGroupOffsets(group, Map.of(rewound, new OffsetAndMetadata(5, "rewound"))).all().get();
        Map<TopicPartition, OffsetAndMetadata> altered = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        assertEquals(5, altered.get(rewound).offset());
        assertEquals("rewound", altered.get(rewound).metadata());
        try (KafkaConsumer<String, String> resumed = GroupConsumers.open(broker.bootstrap(), group, Map.of())) {
            resumed.subscribe(List.of(TOPIC));
            List<Consumed> read = new ArrayList<>();
            Await.until(GroupsBroker.WAIT, "the records after the altered offset", () -> {
                GroupConsumers.pollInto(resumed, read);
                return read.size() >= PER_PARTITION - 5;
            });
            assertEquals(PER_PARTITION - 5, read.size());
            read.forEach(record -> assertEquals(rewound.partition(), record.partition()));
            assertEquals(5, read.get(0).offset());
        }

        Await.until(GroupsBroker.WAIT, "the group empty again", () -> describeState(admin, group) == GroupState.EMPTY);
        admin.deleteConsumerGroups(List.of(group)).all().get();
        assertTrue(admin.listGroups().all().get().stream().noneMatch(listing -> listing.groupId().equals(group)));
        assertTrue(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().isEmpty());
        ExecutionException gone = assertThrows(ExecutionException.class, () -> admin.deleteConsumerGroups(List.of(group)).all().get());
        assertInstanceOf(GroupIdNotFoundException.class, gone.getCause());
    }

    private static GroupState describeState(Admin admin, String group) {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get(10, java.util.concurrent.TimeUnit.SECONDS).get(group).groupState();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
