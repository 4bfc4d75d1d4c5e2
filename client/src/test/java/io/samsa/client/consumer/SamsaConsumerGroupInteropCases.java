package io.samsa.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.errors.CommitFailedException;
import io.samsa.client.testing.BrokerUnderTest;
import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SamsaConsumer group membership (classic protocol) against the broker a subclass starts
 * ({@code SamsaConsumerGroupOnKafkaTest}, {@code SamsaConsumerGroupOnSamsaTest}): assignors, sharing a
 * group with another Samsa consumer or a kafka-clients consumer, members leaving, static membership,
 * max.poll.interval.ms expiry and pattern subscriptions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SamsaConsumerGroupInteropCases {
    private static final int PARTITIONS = 4;
    private static final int PER_PARTITION = 50;
    private KafkaTestData data;

    /** The broker this class's tests run against; started once, closed after the last test. */
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

    /** Records listener calls as "revoked [...]", "assigned [...]", "lost [...]". */
    static final class RecordingListener implements ConsumerRebalanceListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            events.add("revoked " + sorted(partitions));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            events.add("assigned " + sorted(partitions));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            events.add("lost " + sorted(partitions));
        }

        private static List<String> sorted(Collection<TopicPartition> partitions) {
            return partitions.stream().map(TopicPartition::toString).sorted().toList();
        }
    }

    private String topic(String name) {
        data.createTopic(name, PARTITIONS);
        data.produce(name, PARTITIONS, PER_PARTITION, 1_000L, "none");
        return name;
    }

    private SamsaConsumer<String, String> samsa(String group, String assignor, Map<String, Object> overrides) {
        Map<String, Object> config = data.consumerConfig(group);
        config.put("partition.assignment.strategy", assignor);
        config.put("enable.auto.commit", "false");
        config.putAll(overrides);
        return new SamsaConsumer<>(config);
    }

    private static Set<TopicPartition> toSamsa(Set<org.apache.kafka.common.TopicPartition> partitions) {
        return partitions.stream().map(tp -> new TopicPartition(tp.topic(), tp.partition())).collect(Collectors.toSet());
    }

    private static void assertSplit(String topic, Set<TopicPartition> a, Set<TopicPartition> b) {
        assertFalse(a.isEmpty(), "first member owns partitions");
        assertFalse(b.isEmpty(), "second member owns partitions");
        Set<TopicPartition> overlap = new HashSet<>(a);
        overlap.retainAll(b);
        assertTrue(overlap.isEmpty(), "no partition owned twice: " + overlap);
        Set<TopicPartition> union = new HashSet<>(a);
        union.addAll(b);
        assertEquals(new HashSet<>(KafkaTestData.partitions(topic, PARTITIONS)), union, "no partition unowned");
    }

    private static Set<String> offsetsOf(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> r.partition() + "@" + r.offset()).collect(Collectors.toSet());
    }

    @Test
    void twoSamsaConsumersSplitWithRangeAndTheSurvivorTakesOver() {
        String topic = topic("range-two");
        RecordingListener listenerA = new RecordingListener();
        List<ConsumerRecord<String, String>> gotA = new ArrayList<>();
        List<ConsumerRecord<String, String>> gotB = new ArrayList<>();
        try (SamsaConsumer<String, String> a = samsa("g-range-two", "range", Map.of())) {
            a.subscribe(List.of(topic), listenerA);
            KafkaTestData.pollUntil("a owns every partition", List.of(KafkaTestData.samsaPoll(a, gotA)),
                () -> a.assignment().size() == PARTITIONS);
            assertEquals(List.of("assigned " + KafkaTestData.partitions(topic, PARTITIONS).stream().map(Object::toString).sorted().toList()),
                listenerA.events.subList(listenerA.events.size() - 1, listenerA.events.size()));
            int generationBefore = a.groupMetadata().generationId();
            try (SamsaConsumer<String, String> b = samsa("g-range-two", "range", Map.of())) {
                b.subscribe(List.of(topic));
                KafkaTestData.pollUntil("a and b split the partitions",
                    List.of(KafkaTestData.samsaPoll(a, gotA), KafkaTestData.samsaPoll(b, gotB)),
                    () -> a.assignment().size() == 2 && b.assignment().size() == 2
                        && a.groupMetadata().generationId() == b.groupMetadata().generationId());
                assertSplit(topic, a.assignment(), b.assignment());
                assertTrue(a.groupMetadata().generationId() > generationBefore);
                // eager: a revoked everything before it was assigned its half
                int revoked = listenerA.events.lastIndexOf("revoked " + KafkaTestData.partitions(topic, PARTITIONS).stream()
                    .map(Object::toString).sorted().toList());
                assertTrue(revoked > 0 && listenerA.events.get(revoked + 1).startsWith("assigned"), listenerA.events.toString());
                KafkaTestData.pollUntil("every record consumed",
                    List.of(KafkaTestData.samsaPoll(a, gotA), KafkaTestData.samsaPoll(b, gotB)), () -> {
                        Set<String> all = offsetsOf(gotA);
                        all.addAll(offsetsOf(gotB));
                        return all.size() == PARTITIONS * PER_PARTITION;
                    });
                a.enforceRebalance("test");
                int generation = a.groupMetadata().generationId();
                KafkaTestData.pollUntil("enforced rebalance", List.of(KafkaTestData.samsaPoll(a, gotA), KafkaTestData.samsaPoll(b, gotB)),
                    () -> a.groupMetadata().generationId() > generation && a.assignment().size() == 2 && b.assignment().size() == 2);
            }
            KafkaTestData.pollUntil("a takes over after b left", List.of(KafkaTestData.samsaPoll(a, gotA)),
                () -> a.assignment().size() == PARTITIONS);
            double rebalances = a.metrics().entrySet().stream().filter(e -> e.getKey().name().equals("rebalance-total"))
                .mapToDouble(e -> (Double) e.getValue().metricValue()).findFirst().orElseThrow();
            assertTrue(rebalances >= 3, "rebalance-total " + rebalances);
        }
    }

    @Test
    void cooperativeRebalanceRevokesOnlyTheMovedPartitions() {
        String topic = topic("coop-two");
        RecordingListener listenerA = new RecordingListener();
        RecordingListener listenerB = new RecordingListener();
        List<ConsumerRecord<String, String>> sink = new ArrayList<>();
        try (SamsaConsumer<String, String> a = samsa("g-coop-two", "cooperative-sticky", Map.of());
             SamsaConsumer<String, String> b = samsa("g-coop-two", "cooperative-sticky", Map.of())) {
            a.subscribe(List.of(topic), listenerA);
            KafkaTestData.pollUntil("a owns every partition", List.of(KafkaTestData.samsaPoll(a, sink)),
                () -> a.assignment().size() == PARTITIONS);
            b.subscribe(List.of(topic), listenerB);
            KafkaTestData.pollUntil("a and b split", List.of(KafkaTestData.samsaPoll(a, sink), KafkaTestData.samsaPoll(b, sink)),
                () -> a.assignment().size() == 2 && b.assignment().size() == 2);
            assertSplit(topic, a.assignment(), b.assignment());
            List<String> revocations = listenerA.events.stream().filter(e -> e.startsWith("revoked")).toList();
            assertEquals(1, revocations.size(), listenerA.events.toString());
            assertEquals(2, revocations.get(0).split(",").length, "only the two moved partitions: " + revocations);
            assertTrue(listenerB.events.stream().noneMatch(e -> e.startsWith("revoked") || e.startsWith("lost")), listenerB.events.toString());
        }
    }

    @Test
    void samsaAndKafkaConsumersShareAGroupWithRange() {
        sharedGroup("range", "mixed-range", "range", "org.apache.kafka.clients.consumer.RangeAssignor", true);
    }

    @Test
    void samsaAndKafkaConsumersShareAGroupWithCooperativeSticky() {
        sharedGroup("cooperative-sticky", "mixed-coop", "cooperative-sticky",
            "org.apache.kafka.clients.consumer.CooperativeStickyAssignor", false);
    }

    /**
     * @param samsaFirst whether the Samsa consumer joins first (and leads, running the assignor) or
     *                   second (the kafka-clients consumer leads and Samsa follows)
     */
    private void sharedGroup(String name, String topicName, String samsaAssignor, String kafkaAssignor, boolean samsaFirst) {
        String topic = topic(topicName);
        String group = "g-" + topicName;
        RecordingListener listener = new RecordingListener();
        List<ConsumerRecord<String, String>> gotSamsa = new ArrayList<>();
        Set<String> gotKafka = new HashSet<>();
        try (SamsaConsumer<String, String> samsa = samsa(group, samsaAssignor, Map.of());
             KafkaConsumer<String, String> kafkaConsumer = new KafkaConsumer<>(data.kafkaConsumerConfig(group, kafkaAssignor))) {
            Runnable kafkaPoll = () -> kafkaConsumer.poll(Duration.ofMillis(100)).forEach(r -> gotKafka.add(r.partition() + "@" + r.offset()));
            // the first member reads and commits the first half of the data alone
            if (samsaFirst) {
                samsa.subscribe(List.of(topic), listener);
                KafkaTestData.pollUntil("samsa read everything", List.of(KafkaTestData.samsaPoll(samsa, gotSamsa)),
                    () -> offsetsOf(gotSamsa).size() == PARTITIONS * PER_PARTITION);
                samsa.commitSync();
            } else {
                kafkaConsumer.subscribe(List.of(topic));
                KafkaTestData.pollUntil("kafka consumer read everything", List.of(kafkaPoll),
                    () -> gotKafka.size() == PARTITIONS * PER_PARTITION);
                kafkaConsumer.commitSync();
            }
            gotSamsa.clear();
            gotKafka.clear();
            data.produce(topic, PARTITIONS, PER_PARTITION, 2_000L, "none");
            if (samsaFirst) {
                kafkaConsumer.subscribe(List.of(topic));
            } else {
                samsa.subscribe(List.of(topic), listener);
            }
            KafkaTestData.pollUntil(name + ": both own half", List.of(KafkaTestData.samsaPoll(samsa, gotSamsa), kafkaPoll),
                () -> samsa.assignment().size() == 2 && kafkaConsumer.assignment().size() == 2);
            assertSplit(topic, samsa.assignment(), toSamsa(kafkaConsumer.assignment()));
            KafkaTestData.pollUntil(name + ": the second half consumed", List.of(KafkaTestData.samsaPoll(samsa, gotSamsa), kafkaPoll),
                () -> {
                    Set<String> all = offsetsOf(gotSamsa);
                    all.addAll(gotKafka);
                    return all.size() == PARTITIONS * PER_PARTITION;
                });
            // the new member started from the first member's commits: nothing before them was read again
            assertTrue(gotSamsa.stream().allMatch(r -> r.offset() >= PER_PARTITION), "samsa re-read committed records");
            assertTrue(gotKafka.stream().allMatch(o -> Integer.parseInt(o.substring(o.indexOf('@') + 1)) >= PER_PARTITION),
                "kafka consumer re-read committed records: " + gotKafka);
            if (samsaAssignor.equals("cooperative-sticky")) {
                // cooperative: the Samsa member joined second, so it was only ever assigned, never revoked
                assertTrue(listener.events.stream().noneMatch(e -> e.startsWith("revoked")), listener.events.toString());
            }
            kafkaConsumer.close();
            KafkaTestData.pollUntil(name + ": samsa takes over from the kafka consumer", List.of(KafkaTestData.samsaPoll(samsa, gotSamsa)),
                () -> samsa.assignment().size() == PARTITIONS);
        }
    }

    @Test
    void staticMemberRestartsWithoutRebalancingTheOther() {
        String topic = topic("static");
        String group = "g-static";
        RecordingListener listenerB = new RecordingListener();
        List<ConsumerRecord<String, String>> sink = new ArrayList<>();
        SamsaConsumer<String, String> a = samsa(group, "range", Map.of("group.instance.id", "instance-a"));
        try (SamsaConsumer<String, String> b = samsa(group, "range", Map.of("group.instance.id", "instance-b"))) {
            a.subscribe(List.of(topic));
            b.subscribe(List.of(topic), listenerB);
            KafkaTestData.pollUntil("static members split", List.of(KafkaTestData.samsaPoll(a, sink), KafkaTestData.samsaPoll(b, sink)),
                () -> a.assignment().size() == 2 && b.assignment().size() == 2
                    && a.groupMetadata().generationId() == b.groupMetadata().generationId());
            Set<TopicPartition> assignmentA = a.assignment();
            int generation = b.groupMetadata().generationId();
            int eventsB = listenerB.events.size();
            a.close();
            SamsaConsumer<String, String> restarted = samsa(group, "range", Map.of("group.instance.id", "instance-a"));
            try {
                restarted.subscribe(List.of(topic));
                KafkaTestData.pollUntil("restarted member has its partitions back",
                    List.of(KafkaTestData.samsaPoll(restarted, sink), KafkaTestData.samsaPoll(b, sink)),
                    () -> restarted.assignment().size() == 2);
                assertEquals(assignmentA, restarted.assignment());
                for (int i = 0; i < 10; i++) {
                    b.poll(Duration.ofMillis(100));
                }
                assertEquals(generation, b.groupMetadata().generationId(), "no rebalance for the other member");
                assertEquals(eventsB, listenerB.events.size(), "no listener calls on the other member: " + listenerB.events);
            } finally {
                restarted.close();
            }
        }
    }

    @Test
    void aSecondMemberWithTheSameInstanceIdFencesTheFirst() {
        String topic = topic("fenced");
        List<ConsumerRecord<String, String>> sink = new ArrayList<>();
        try (SamsaConsumer<String, String> first = samsa("g-fenced", "range", Map.of("group.instance.id", "same"));
             SamsaConsumer<String, String> second = samsa("g-fenced", "range", Map.of("group.instance.id", "same"))) {
            first.subscribe(List.of(topic));
            KafkaTestData.pollUntil("first joined", List.of(KafkaTestData.samsaPoll(first, sink)),
                () -> first.assignment().size() == PARTITIONS);
            second.subscribe(List.of(topic));
            KafkaTestData.pollUntil("second took the instance id", List.of(KafkaTestData.samsaPoll(second, sink)),
                () -> second.assignment().size() == PARTITIONS);
            assertThrows(io.samsa.client.errors.FencedInstanceIdException.class, () -> {
                for (int i = 0; i < 100; i++) {
                    first.poll(Duration.ofMillis(100));
                }
            });
            assertThrows(io.samsa.client.errors.FencedInstanceIdException.class, () -> first.poll(Duration.ofMillis(10)), "fatal");
        }
    }

    @Test
    void maxPollIntervalExpiryMakesTheNextCommitFail() {
        String topic = topic("slow");
        RecordingListener listener = new RecordingListener();
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        try (SamsaConsumer<String, String> consumer = samsa("g-slow", "range",
            Map.of("max.poll.interval.ms", "1500", "session.timeout.ms", "6000", "heartbeat.interval.ms", "300"))) {
            consumer.subscribe(List.of(topic), listener);
            KafkaTestData.pollUntil("records", List.of(KafkaTestData.samsaPoll(consumer, got)), () -> !got.isEmpty());
            Await.until(Duration.ofSeconds(20), "the heartbeat thread leaves after max.poll.interval.ms",
                () -> consumer.groupMetadata().generationId() < 0);
            assertThrows(CommitFailedException.class, consumer::commitSync);
            KafkaTestData.pollUntil("rejoined", List.of(KafkaTestData.samsaPoll(consumer, got)),
                () -> consumer.assignment().size() == PARTITIONS && consumer.groupMetadata().generationId() > 0);
            assertTrue(listener.events.stream().anyMatch(e -> e.startsWith("lost")), listener.events.toString());
            consumer.commitSync();
        }
    }

    @Test
    void patternSubscriptionPicksUpANewTopic() {
        String first = topic("pattern-one");
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        Runnable poll = () -> consumerPoll(got, distinct);
        try (SamsaConsumer<String, String> consumer = samsa("g-pattern", "cooperative-sticky", Map.of())) {
            pattern = consumer;
            consumer.subscribe(Pattern.compile("pattern-.*"));
            KafkaTestData.pollUntil("first topic", List.of(poll), () -> distinct.size() >= PARTITIONS * PER_PARTITION);
            assertEquals(Set.of(first), consumer.subscription());
            String second = topic("pattern-two");
            KafkaTestData.pollUntil("second topic", List.of(poll), () -> distinct.size() >= 2 * PARTITIONS * PER_PARTITION);
            assertEquals(Set.of(first, second), consumer.subscription());
            assertEquals(2 * PARTITIONS * PER_PARTITION, distinct.size());
            assertEquals(distinct.size(), got.size(), "no record twice");
        } finally {
            pattern = null;
        }
    }

    private SamsaConsumer<String, String> pattern;

    private void consumerPoll(List<ConsumerRecord<String, String>> got, Set<String> distinct) {
        for (ConsumerRecord<String, String> r : pattern.poll(Duration.ofMillis(100))) {
            got.add(r);
            distinct.add(r.topic() + "-" + r.partition() + "@" + r.offset());
        }
    }
}
