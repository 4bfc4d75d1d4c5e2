package io.samsa.broker.interop.groups;

import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.clients.consumer.StickyAssignor;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka-clients 4.1 consumers with each built-in assignor (range, roundrobin, sticky,
 * cooperative-sticky) against our broker: two members split a topic with no overlap or gap and
 * consume it completely, a third member joins and gets a share, then leaves and its partitions go
 * back to the others, and the group's committed offsets end at the log end.
 */
class AssignorsInteropTest extends SharedBrokerTestBase {
    private static final int PARTITIONS = 6;
    private static final int PER_PARTITION = 20;

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {RangeAssignor.class, RoundRobinAssignor.class, StickyAssignor.class, CooperativeStickyAssignor.class})
    void membersSplitTheTopicAndRebalanceOnJoinAndLeave(Class<?> assignor) throws Exception {
        String topic = "assign-" + assignor.getSimpleName();
        String group = "group-" + assignor.getSimpleName();
        broker.createTopic(topic, PARTITIONS);
        Map<String, String> settings = Map.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor.getName());

        List<Consumed> readByFirst = new ArrayList<>();
        List<Consumed> readBySecond = new ArrayList<>();
        try (KafkaConsumer<String, String> first = GroupConsumers.open(broker.bootstrap(), group, settings);
             KafkaConsumer<String, String> second = GroupConsumers.open(broker.bootstrap(), group, settings)) {
            // The first member forms the group alone, then the second joins it (a rebalance of a live group).
            first.subscribe(List.of(topic));
            Await.until(GroupsBroker.WAIT, "the first member owning every partition", () -> {
                first.poll(Duration.ofMillis(50));
                return first.assignment().size() == PARTITIONS;
            });
            second.subscribe(List.of(topic));
            Await.until(GroupsBroker.WAIT, "two members sharing " + PARTITIONS + " partitions", () -> {
                first.poll(Duration.ofMillis(50));
                second.poll(Duration.ofMillis(50));
                return first.assignment().size() == PARTITIONS / 2 && second.assignment().size() == PARTITIONS / 2
                        && disjointCover(first.assignment(), second.assignment());
            });
            // Records are written once the split is settled, so each has exactly one reader.
            TopicRecords.produce(broker.bootstrap(), topic, PARTITIONS, 0, PER_PARTITION);
            Await.until(GroupsBroker.WAIT, "the whole topic consumed", () -> {
                GroupConsumers.pollAndCommit(first, readByFirst);
                GroupConsumers.pollAndCommit(second, readBySecond);
                return readByFirst.size() + readBySecond.size() >= PARTITIONS * PER_PARTITION;
            });
            Consumed.assertSplitExactly(topic, PARTITIONS, PER_PARTITION, Map.of("first", readByFirst, "second", readBySecond));

            try (KafkaConsumer<String, String> third = GroupConsumers.open(broker.bootstrap(), group, settings)) {
                third.subscribe(List.of(topic));
                Await.until(GroupsBroker.WAIT, "three members with two partitions each", () -> {
                    GroupConsumers.pollAndCommit(first, readByFirst);
                    GroupConsumers.pollAndCommit(second, readBySecond);
                    third.poll(Duration.ofMillis(50));
                    return first.assignment().size() == 2 && second.assignment().size() == 2 && third.assignment().size() == 2;
                });
                Set<TopicPartition> all = new HashSet<>(first.assignment());
                all.addAll(second.assignment());
                all.addAll(third.assignment());
                assertEquals(PARTITIONS, all.size(), "three members cover every partition once");
            }
            // The third member's close sent LeaveGroup: the other two take its partitions back.
            Await.until(GroupsBroker.WAIT, "two members again after the third left", () -> {
                GroupConsumers.pollAndCommit(first, readByFirst);
                GroupConsumers.pollAndCommit(second, readBySecond);
                return first.assignment().size() + second.assignment().size() == PARTITIONS
                        && disjointCover(first.assignment(), second.assignment());
            });
        }
        assertEquals(PARTITIONS * PER_PARTITION, readByFirst.size() + readBySecond.size(), "nothing read twice after rebalances");
        var committed = broker.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            assertEquals(PER_PARTITION, committed.get(new TopicPartition(topic, partition)).offset(), "committed offset of " + partition);
        }
        assertTrue(broker.admin().describeConsumerGroups(List.of(group)).all().get().get(group).members().isEmpty());
    }

    private static boolean disjointCover(Set<TopicPartition> a, Set<TopicPartition> b) {
        Set<TopicPartition> union = new HashSet<>(a);
        union.addAll(b);
        return union.size() == PARTITIONS && a.size() + b.size() == PARTITIONS;
    }

    @Test
    void twoMembersJoiningANewGroupAtOnceFormItPromptly() throws Exception {
        String topic = "concurrent-join";
        String group = "concurrent-join-group";
        broker.createTopic(topic, PARTITIONS);
        try (KafkaConsumer<String, String> first = GroupConsumers.open(broker.bootstrap(), group, Map.of());
             KafkaConsumer<String, String> second = GroupConsumers.open(broker.bootstrap(), group, Map.of())) {
            first.subscribe(List.of(topic));
            second.subscribe(List.of(topic));
            long startNs = System.nanoTime();
            Await.until(GroupsBroker.WAIT, "two members sharing the topic", () -> {
                first.poll(Duration.ofMillis(50));
                second.poll(Duration.ofMillis(50));
                return first.assignment().size() == PARTITIONS / 2 && second.assignment().size() == PARTITIONS / 2;
            });
            long formedMs = Duration.ofNanos(System.nanoTime() - startNs).toMillis();
            // max.poll.interval.ms (the rebalance timeout) is 20000 in GroupConsumers.
            assertTrue(formedMs < 5000, "group formed after " + formedMs + " ms: the join waited for the rebalance timeout");
        }
    }
}
