package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * KIP-848's online migration with kafka-clients 4.1 against one in-process Samsa broker: a classic
 * group of two cooperative-sticky consumers is upgraded when a {@code group.protocol=consumer} member
 * joins (Admin then describes a CONSUMER group, the three share the partitions, the classic members
 * revoking through their rejoins), and downgraded back to a CLASSIC group when that member leaves.
 * Through every phase no partition is owned by two members (each consumer's rebalance listener,
 * checked after every poll) and every record is consumed exactly once (commitSync after each poll
 * and in onPartitionsRevoked).
 */
class OnlineMigrationInteropTest extends ConsumerGroupsBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String TOPIC = "migration-six";
    private static final String GROUP = "migration-group";
    private static final int PARTITIONS = 6;
    private static final int PER_ROUND = 5;
    @Test
    void aClassicGroupIsUpgradedByAConsumerProtocolMemberAndDowngradedWhenItLeaves() throws Exception {
        broker.createTopic(TOPIC, PARTITIONS);
        Map<String, List<Consumed>> consumed = new LinkedHashMap<>();
        Map<String, Set<TopicPartition>> owned = new ConcurrentHashMap<>();
        Map<String, KafkaConsumer<String, String>> members = new LinkedHashMap<>();
        try {
            join(members, consumed, owned, "classic-1", classicConfig());
            join(members, consumed, owned, "classic-2", classicConfig());
            TopicRecords.produce(broker.bootstrap(), TOPIC, PARTITIONS, 0, PER_ROUND);
            awaitSplit(members, consumed, owned, 2, "two classic members splitting the topic");
            awaitConsumed(members, consumed, owned, PER_ROUND);
            assertEquals(GroupType.CLASSIC, describe().type());

            join(members, consumed, owned, "consumer", consumerConfig());
            awaitSplit(members, consumed, owned, 3, "the upgraded group of three splitting the topic");
            assertEquals(GroupType.CONSUMER, describe().type(), "the join upgraded the group");
            assertEquals(List.of(false, false, true), describe().members().stream()
                    .map(member -> member.upgraded().orElseThrow()).sorted().toList(),
                    "KIP-1099: two classic members, one consumer-protocol member");
            TopicRecords.produce(broker.bootstrap(), TOPIC, PARTITIONS, PER_ROUND, PER_ROUND);
            awaitConsumed(members, consumed, owned, 2 * PER_ROUND);
            assertTrue(consumed.get("consumer").size() > 0, "the consumer-protocol member read its partitions");

            members.remove("consumer").close();
            owned.remove("consumer");
            awaitSplit(members, consumed, owned, 2, "the two classic members splitting the topic again");
            Await.until(WAIT, "the group downgraded to a classic group", () -> {
                pollAll(members, consumed, owned);
                return describe().type() == GroupType.CLASSIC;
            });
            TopicRecords.produce(broker.bootstrap(), TOPIC, PARTITIONS, 2 * PER_ROUND, PER_ROUND);
            awaitConsumed(members, consumed, owned, 3 * PER_ROUND);
            Consumed.assertReadOnce(TOPIC, PARTITIONS, 3 * PER_ROUND, consumed);
        } finally {
            members.values().forEach(KafkaConsumer::close);
        }
    }

    private static void join(Map<String, KafkaConsumer<String, String>> members, Map<String, List<Consumed>> consumed,
                             Map<String, Set<TopicPartition>> owned, String name, Properties config) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        owned.put(name, ConcurrentHashMap.newKeySet());
        consumed.put(name, new ArrayList<>());
        consumer.subscribe(List.of(TOPIC), OwnedPartitions.tracking(owned.get(name), consumer, new AtomicInteger()));
        members.put(name, consumer);
    }

    private static void awaitSplit(Map<String, KafkaConsumer<String, String>> members, Map<String, List<Consumed>> consumed,
                                   Map<String, Set<TopicPartition>> owned, int count, String what) {
        Await.until(WAIT, what, () -> {
            pollAll(members, consumed, owned);
            int total = owned.values().stream().mapToInt(Set::size).sum();
            return owned.size() == count && total == PARTITIONS
                    && owned.values().stream().allMatch(set -> set.size() == PARTITIONS / count);
        });
    }

    private static void awaitConsumed(Map<String, KafkaConsumer<String, String>> members, Map<String, List<Consumed>> consumed,
                                      Map<String, Set<TopicPartition>> owned, int perPartition) {
        Await.until(WAIT, perPartition + " records of every partition read", () -> {
            pollAll(members, consumed, owned);
            return consumed.values().stream().mapToInt(List::size).sum() >= PARTITIONS * perPartition;
        });
    }

    private static ConsumerGroupDescription describe() {
        try {
            return broker.admin().describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
        } catch (Exception e) {
            throw new AssertionError("describing " + GROUP, e);
        }
    }

    private static Properties classicConfig() {
        Properties props = baseConfig();
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic"); // overrides the base config's "consumer"
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "300");
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "15000");
        return props;
    }

    private static Properties consumerConfig() {
        return baseConfig();
    }

    private static Properties baseConfig() {
        return ConsumerProtocolScenario.config(broker.bootstrap(), GROUP);
    }

    /** Polls each member once, commits what it read, and checks no partition is owned twice. */
    private static void pollAll(Map<String, KafkaConsumer<String, String>> members, Map<String, List<Consumed>> consumed,
                                Map<String, Set<TopicPartition>> owned) {
        members.forEach((name, consumer) -> {
            OwnedPartitions.pollAndCommit(consumer, consumed.get(name));
            OwnedPartitions.assertNoneOwnedTwice(owned);
        });
    }
}
