package io.samsa.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.testing.BrokerUnderTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SamsaConsumer with {@code group.protocol=consumer} (KIP-848) against the broker a subclass starts
 * ({@code SamsaConsumerProtocolOnKafkaTest}: Apache Kafka 4.1, {@code SamsaConsumerProtocolOnSamsaTest}):
 * members joining one by one and leaving with no partition owned twice and every record consumed
 * once, range versus uniform, a static member restarted, a broker-side {@link SubscriptionPattern}
 * picking up a topic created later, a Java pattern matched on the client, and a group shared with a
 * kafka-clients 4.1 consumer.
 *
 * <p>Both brokers run with a short consumer-group heartbeat interval and session timeout
 * ({@link #BROKER_CONFIG}); one broker per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SamsaConsumerProtocolInteropCases {
    /** The same consumer-group settings on both brokers: 300 ms heartbeats, 6 s sessions. */
    static final Map<String, String> BROKER_CONFIG = Map.of(
        "group.consumer.min.session.timeout.ms", "1000",
        "group.consumer.session.timeout.ms", "6000",
        "group.consumer.min.heartbeat.interval.ms", "100",
        "group.consumer.heartbeat.interval.ms", "300");
    private static final int PER_PARTITION = 20;

    private KafkaTestData data;

    /** The broker this class's tests run against, started with {@link #BROKER_CONFIG}. */
    protected abstract BrokerUnderTest startBroker();

    @BeforeAll
    void start() {
        data = KafkaTestData.on(startBroker());
    }

    @AfterAll
    void stop() {
        if (data != null) {
            data.close();
        }
    }

    /**
     * Owners of partitions across the members of one test, kept by their listeners (all calls are
     * on the test thread): assigning a partition another member still owns fails the test.
     */
    static final class Ownership {
        final Map<TopicPartition, String> owners = new HashMap<>();
        final List<String> violations = new CopyOnWriteArrayList<>();

        Listener listener(String member) {
            return new Listener(this, member);
        }
    }

    /** Records one member's listener calls and keeps {@link Ownership} up to date. */
    static final class Listener implements ConsumerRebalanceListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        private final Ownership ownership;
        private final String member;

        Listener(Ownership ownership, String member) {
            this.ownership = ownership;
            this.member = member;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            events.add("revoked " + new TreeSet<>(partitions.stream().map(Object::toString).toList()));
            partitions.forEach(tp -> ownership.owners.remove(tp, member));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            events.add("assigned " + new TreeSet<>(partitions.stream().map(Object::toString).toList()));
            for (TopicPartition tp : partitions) {
                String previous = ownership.owners.put(tp, member);
                if (previous != null && !previous.equals(member)) {
                    ownership.violations.add(tp + " assigned to " + member + " while " + previous + " owned it");
                }
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            events.add("lost " + new TreeSet<>(partitions.stream().map(Object::toString).toList()));
            partitions.forEach(tp -> ownership.owners.remove(tp, member));
        }
    }

    private String topic(String name, int partitions) {
        data.createTopic(name, partitions);
        data.produce(name, partitions, PER_PARTITION, 1_000L, "none");
        return name;
    }

    private SamsaConsumer<String, String> member(String group, Map<String, Object> overrides) {
        Map<String, Object> config = data.consumerConfig(group);
        config.remove("session.timeout.ms");
        config.remove("heartbeat.interval.ms");
        config.put("group.protocol", "consumer");
        config.put("enable.auto.commit", "false");
        config.putAll(overrides);
        return new SamsaConsumer<>(config);
    }

    /** A poll step that keeps what it got and commits it at once (commitSync), so nothing is read twice. */
    private static Runnable pollAndCommit(SamsaConsumer<String, String> consumer, List<String> into) {
        return () -> {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
            records.forEach(r -> into.add(r.topic() + "-" + r.partition() + "@" + r.offset()));
            if (!records.isEmpty()) {
                consumer.commitSync();
            }
        };
    }

    private static boolean disjointCover(int partitions, Collection<Set<TopicPartition>> assignments) {
        Set<TopicPartition> union = new HashSet<>();
        int total = 0;
        for (Set<TopicPartition> a : assignments) {
            if (a.isEmpty()) {
                return false;
            }
            union.addAll(a);
            total += a.size();
        }
        return union.size() == partitions && total == partitions;
    }

    /** Polls until {@code expected} distinct records arrived; on time-out says which partitions fell short and who owns what. */
    private static void awaitRecords(String what, List<Runnable> polls, List<String> got, int expected,
                                     java.util.function.Supplier<String> owners) {
        try {
            KafkaTestData.pollUntil(what, polls, () -> new HashSet<>(got).size() == expected);
        } catch (AssertionError e) {
            Map<String, Long> perPartition = new HashSet<>(got).stream().collect(Collectors.groupingBy(
                o -> o.substring(0, o.indexOf('@')), java.util.TreeMap::new, Collectors.counting()));
            throw new AssertionError(e.getMessage() + ": distinct records per partition " + perPartition + "; " + owners.get(), e);
        }
    }

    private static void assertOnce(List<String> got, int expected) {
        assertEquals(expected, new HashSet<>(got).size(), "every record consumed");
        assertEquals(expected, got.size(), "no record consumed twice");
    }

    @Test
    void threeMembersJoinOneByOneAndLeaveWithEveryRecordOnce() {
        int partitions = 6;
        String topic = topic("kip848-three", partitions);
        String group = "g-kip848-three";
        Ownership ownership = new Ownership();
        List<String> got = new ArrayList<>();
        SamsaConsumer<String, String> a = member(group, Map.of());
        SamsaConsumer<String, String> b = member(group, Map.of());
        SamsaConsumer<String, String> c = member(group, Map.of());
        try {
            a.subscribe(List.of(topic), ownership.listener("a"));
            KafkaTestData.pollUntil("a owns every partition", List.of(pollAndCommit(a, got)), () -> a.assignment().size() == partitions);
            assertTrue(a.groupMetadata().generationId() > 0, "the member epoch stands for the generation");
            b.subscribe(List.of(topic), ownership.listener("b"));
            KafkaTestData.pollUntil("a and b split", List.of(pollAndCommit(a, got), pollAndCommit(b, got)),
                () -> disjointCover(partitions, List.of(a.assignment(), b.assignment())));
            data.produce(topic, partitions, PER_PARTITION, 2_000L, "none");
            c.subscribe(List.of(topic), ownership.listener("c"));
            KafkaTestData.pollUntil("three members own two each",
                List.of(pollAndCommit(a, got), pollAndCommit(b, got), pollAndCommit(c, got)),
                () -> a.assignment().size() == 2 && b.assignment().size() == 2 && c.assignment().size() == 2
                    && disjointCover(partitions, List.of(a.assignment(), b.assignment(), c.assignment())));
            KafkaTestData.pollUntil("every record so far", List.of(pollAndCommit(a, got), pollAndCommit(b, got), pollAndCommit(c, got)),
                () -> new HashSet<>(got).size() == 2 * partitions * PER_PARTITION);
            c.close();
            data.produce(topic, partitions, PER_PARTITION, 3_000L, "none");
            KafkaTestData.pollUntil("a and b take over from c", List.of(pollAndCommit(a, got), pollAndCommit(b, got)),
                () -> disjointCover(partitions, List.of(a.assignment(), b.assignment())));
            b.close();
            KafkaTestData.pollUntil("a alone reads the rest", List.of(pollAndCommit(a, got)),
                () -> a.assignment().size() == partitions && new HashSet<>(got).size() == 3 * partitions * PER_PARTITION);
            assertOnce(got, 3 * partitions * PER_PARTITION);
            assertEquals(List.of(), ownership.violations, "no partition owned twice");
            double rebalances = a.metrics().entrySet().stream().filter(e -> e.getKey().name().equals("rebalance-total"))
                .mapToDouble(e -> (Double) e.getValue().metricValue()).findFirst().orElseThrow();
            assertTrue(rebalances >= 4, "a reconciled at least four targets: rebalance-total " + rebalances);
        } finally {
            a.close();
            b.close();
            c.close();
        }
    }

    @Test
    void rangeCoPartitionsWhereUniformBalances() {
        String left = topic("kip848-range-left", 3);
        String right = topic("kip848-range-right", 3);
        for (String assignor : List.of("range", "uniform")) {
            String group = "g-kip848-" + assignor;
            Ownership ownership = new Ownership();
            List<String> got = new ArrayList<>();
            try (SamsaConsumer<String, String> a = member(group, Map.of("group.remote.assignor", assignor));
                 SamsaConsumer<String, String> b = member(group, Map.of("group.remote.assignor", assignor))) {
                a.subscribe(List.of(left, right), ownership.listener("a"));
                b.subscribe(List.of(left, right), ownership.listener("b"));
                KafkaTestData.pollUntil(assignor + ": both own partitions", List.of(pollAndCommit(a, got), pollAndCommit(b, got)),
                    () -> disjointCover(6, List.of(a.assignment(), b.assignment())));
                List<Integer> sizes = new ArrayList<>(List.of(a.assignment().size(), b.assignment().size()));
                sizes.sort(null);
                if (assignor.equals("range")) {
                    assertEquals(List.of(2, 4), sizes, "range splits each topic 2 + 1: " + a.assignment() + " / " + b.assignment());
                    for (Set<TopicPartition> owned : List.of(a.assignment(), b.assignment())) {
                        Set<Integer> leftIndexes = indexes(owned, left);
                        assertEquals(leftIndexes, indexes(owned, right), "co-partitioned: " + owned);
                    }
                } else {
                    assertEquals(List.of(3, 3), sizes, "uniform balances: " + a.assignment() + " / " + b.assignment());
                }
                awaitRecords(assignor + ": every record", List.of(pollAndCommit(a, got), pollAndCommit(b, got)), got, 6 * PER_PARTITION,
                    () -> "a owns " + a.assignment() + ", b owns " + b.assignment());
                assertOnce(got, 6 * PER_PARTITION);
                assertEquals(List.of(), ownership.violations);
            }
        }
    }

    private static Set<Integer> indexes(Set<TopicPartition> owned, String topic) {
        return owned.stream().filter(tp -> tp.topic().equals(topic)).map(TopicPartition::partition).collect(Collectors.toSet());
    }

    @Test
    void aStaticMemberRestartedWithinItsSessionGetsItsPartitionsBack() {
        String topic = topic("kip848-static", 4);
        String group = "g-kip848-static";
        Ownership ownership = new Ownership();
        List<String> got = new ArrayList<>();
        SamsaConsumer<String, String> a = member(group, Map.of("group.instance.id", "instance-a"));
        try (SamsaConsumer<String, String> b = member(group, Map.of("group.instance.id", "instance-b"))) {
            Listener listenerB = ownership.listener("b");
            a.subscribe(List.of(topic), ownership.listener("a"));
            b.subscribe(List.of(topic), listenerB);
            KafkaTestData.pollUntil("static members split", List.of(pollAndCommit(a, got), pollAndCommit(b, got)),
                () -> a.assignment().size() == 2 && b.assignment().size() == 2);
            Set<TopicPartition> assignmentA = a.assignment();
            List<String> eventsB = List.copyOf(listenerB.events);
            a.close(); // leaves with epoch -2: the broker keeps its partitions for the session timeout
            SamsaConsumer<String, String> restarted = member(group, Map.of("group.instance.id", "instance-a"));
            try {
                restarted.subscribe(List.of(topic), ownership.listener("a"));
                KafkaTestData.pollUntil("the restarted member has its partitions back",
                    List.of(pollAndCommit(restarted, got), pollAndCommit(b, got)), () -> restarted.assignment().size() == 2);
                assertEquals(assignmentA, restarted.assignment());
                for (int i = 0; i < 10; i++) {
                    pollAndCommit(b, got).run();
                }
                assertEquals(eventsB, listenerB.events, "no revocation or assignment at the other member");
                assertEquals(2, b.assignment().size());
            } finally {
                restarted.close();
            }
            assertEquals(List.of(), ownership.violations);
        } finally {
            a.close();
        }
    }

    @Test
    void aSubscriptionPatternPicksUpATopicCreatedLater() {
        String first = topic("kip848-regex-one", 2);
        List<String> got = new ArrayList<>();
        try (SamsaConsumer<String, String> consumer = member("g-kip848-regex", Map.of())) {
            consumer.subscribe(new SubscriptionPattern("kip848-regex-.*"));
            KafkaTestData.pollUntil("the first topic", List.of(pollAndCommit(consumer, got)),
                () -> new HashSet<>(got).size() == 2 * PER_PARTITION);
            assertEquals(Set.of(first), consumer.subscription());
            String second = topic("kip848-regex-two", 2);
            KafkaTestData.pollUntil("the topic created later", List.of(pollAndCommit(consumer, got)),
                () -> new HashSet<>(got).size() == 4 * PER_PARTITION);
            assertEquals(Set.of(first, second), consumer.subscription());
            assertOnce(got, 4 * PER_PARTITION);
        }
    }

    @Test
    void aJavaPatternIsMatchedOnTheClientAndSentAsNames() {
        String first = topic("kip848-javapat-one", 2);
        List<String> got = new ArrayList<>();
        try (SamsaConsumer<String, String> consumer = member("g-kip848-javapat", Map.of())) {
            consumer.subscribe(java.util.regex.Pattern.compile("kip848-javapat-.*"));
            KafkaTestData.pollUntil("the matched topic", List.of(pollAndCommit(consumer, got)),
                () -> new HashSet<>(got).size() == 2 * PER_PARTITION);
            assertEquals(Set.of(first), consumer.subscription());
            String second = topic("kip848-javapat-two", 2);
            KafkaTestData.pollUntil("the topic created later, matched on the next metadata refresh", List.of(pollAndCommit(consumer, got)),
                () -> new HashSet<>(got).size() == 4 * PER_PARTITION);
            assertEquals(Set.of(first, second), consumer.subscription());
            assertOnce(got, 4 * PER_PARTITION);
        }
    }

    @Test
    void aGroupSharedWithAKafkaClientsConsumer() {
        int partitions = 4;
        String topic = topic("kip848-mixed", partitions);
        String group = "g-kip848-mixed";
        Ownership ownership = new Ownership();
        List<String> got = new ArrayList<>();
        Properties props = data.kafkaConsumerConfig(group, "unused");
        props.remove("session.timeout.ms");
        props.remove("heartbeat.interval.ms");
        props.remove("partition.assignment.strategy");
        props.put("group.protocol", "consumer");
        props.put("enable.auto.commit", "false");
        try (SamsaConsumer<String, String> samsa = member(group, Map.of());
             KafkaConsumer<String, String> kafka = new KafkaConsumer<>(props)) {
            // 500 ms: kafka-clients' new consumer was seen not to initialize positions with 100 ms polls while
            // Kafka answered its OffsetFetch (require_stable) more slowly; that is its behaviour, not the group's
            Runnable kafkaPoll = () -> {
                var records = kafka.poll(Duration.ofMillis(500));
                records.forEach(r -> got.add(r.topic() + "-" + r.partition() + "@" + r.offset()));
                if (!records.isEmpty()) {
                    kafka.commitSync();
                }
            };
            samsa.subscribe(List.of(topic), ownership.listener("samsa"));
            KafkaTestData.pollUntil("samsa owns every partition", List.of(pollAndCommit(samsa, got)),
                () -> samsa.assignment().size() == partitions);
            kafka.subscribe(List.of(topic));
            KafkaTestData.pollUntil("both own half", List.of(pollAndCommit(samsa, got), kafkaPoll),
                () -> samsa.assignment().size() == 2 && kafka.assignment().size() == 2);
            Set<TopicPartition> kafkaOwned = kafka.assignment().stream()
                .map(tp -> new TopicPartition(tp.topic(), tp.partition())).collect(Collectors.toSet());
            assertTrue(disjointCover(partitions, List.of(samsa.assignment(), kafkaOwned)), samsa.assignment() + " / " + kafkaOwned);
            data.produce(topic, partitions, PER_PARTITION, 2_000L, "none");
            awaitRecords("every record", List.of(pollAndCommit(samsa, got), kafkaPoll), got, 2 * partitions * PER_PARTITION,
                () -> "samsa owns " + samsa.assignment() + " at epoch " + samsa.groupMetadata().generationId()
                    + ", kafka owns " + kafka.assignment());
            kafka.close();
            KafkaTestData.pollUntil("samsa takes over", List.of(pollAndCommit(samsa, got)), () -> samsa.assignment().size() == partitions);
            assertOnce(got, 2 * partitions * PER_PARTITION);
            assertEquals(List.of(), ownership.violations);
            assertFalse(samsa.groupMetadata().memberId().isEmpty());
            TopicPartition first = new TopicPartition(topic, 0);
            assertEquals(2 * PER_PARTITION, samsa.committed(Set.of(first)).get(first).offset(), "commits carried the member epochs");
        }
    }
}
