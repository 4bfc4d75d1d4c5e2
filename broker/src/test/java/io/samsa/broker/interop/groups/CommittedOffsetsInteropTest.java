package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.testing.ClusterLogsOnFailure;
import io.samsa.protocol.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Committed offsets against our broker with kafka-clients 4.1: offsets committed with commitSync,
 * commitAsync and auto-commit are all still there after a broker restart and consumers resume
 * after them; auto.offset.reset earliest, latest and none do what they say for a group with no
 * committed offsets.
 */
class CommittedOffsetsInteropTest {
    private static final int PARTITIONS = 3;
    private static final int PER_PARTITION = 10;

    @TempDir
    Path dataDir;
    GroupsTarget broker;

    @RegisterExtension
    final ClusterLogsOnFailure logs = GroupsTargets.logsOnFailure(() -> broker);

    /** One in-process broker, or a 3-node cluster for a subclass marked {@link OnCluster}. */
    @BeforeEach
    void startBroker() throws Exception {
        broker = GroupsTargets.start(getClass(), dataDir);
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void syncAsyncAndAutoCommitsSurviveABrokerRestart() throws Exception {
        String topic = "commits";
        broker.createTopic(topic, PARTITIONS);
        TopicRecords.produce(broker.bootstrap(), topic, PARTITIONS, 0, PER_PARTITION);

        try (KafkaConsumer<String, String> consumer = GroupConsumers.open(broker.bootstrap(), "sync", Map.of())) {
            consumeAll(consumer, topic);
            consumer.commitSync();
        }
        try (KafkaConsumer<String, String> consumer = GroupConsumers.open(broker.bootstrap(), "async", Map.of())) {
            consumeAll(consumer, topic);
            AtomicReference<Object> outcome = new AtomicReference<>();
            consumer.commitAsync((offsets, error) -> outcome.set(error == null ? offsets : error));
            Await.until(GroupsBroker.WAIT, "the async commit callback", () -> {
                consumer.poll(Duration.ofMillis(20));
                return outcome.get() != null;
            });
            assertTrue(outcome.get() instanceof Map, "async commit failed: " + outcome.get());
        }
        try (KafkaConsumer<String, String> consumer = GroupConsumers.open(broker.bootstrap(), "auto",
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true", ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG, "100"))) {
            consumeAll(consumer, topic);
            Await.until(GroupsBroker.WAIT, "auto-commit reaching the log end", () -> {
                consumer.poll(Duration.ofMillis(20));
                return committedAtEnd(consumer.committed(partitions(topic)));
            });
        }

        broker.restart();
        TopicRecords.produce(broker.bootstrap(), topic, PARTITIONS, PER_PARTITION, 1);
        for (String group : List.of("sync", "async", "auto")) {
            var committed = broker.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            assertTrue(committedAtEnd(committed), group + " offsets after restart: " + committed);
            try (KafkaConsumer<String, String> resumed = GroupConsumers.open(broker.bootstrap(), group, Map.of())) {
                resumed.subscribe(List.of(topic));
                List<Consumed> read = new ArrayList<>();
                Await.until(GroupsBroker.WAIT, group + " resuming after its committed offsets", () -> {
                    GroupConsumers.pollInto(resumed, read);
                    return read.size() >= PARTITIONS;
                });
                assertEquals(PARTITIONS, read.size(), group + " read only the records after the restart");
                read.forEach(record -> assertEquals(PER_PARTITION, record.offset(), group + " resumed at the committed offset"));
            }
        }
    }

    @Test
    void autoOffsetResetEarliestLatestAndNone() throws Exception {
        String topic = "reset";
        broker.createTopic(topic, PARTITIONS);
        TopicRecords.produce(broker.bootstrap(), topic, PARTITIONS, 0, PER_PARTITION);

        try (KafkaConsumer<String, String> earliest = GroupConsumers.open(broker.bootstrap(), "reset-earliest", Map.of())) {
            List<Consumed> read = consumeAll(earliest, topic);
            Consumed.assertSplitExactly(topic, PARTITIONS, PER_PARTITION, Map.of("earliest", read));
        }

        try (KafkaConsumer<String, String> latest = GroupConsumers.open(broker.bootstrap(), "reset-latest",
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"))) {
            latest.subscribe(List.of(topic));
            Await.until(GroupsBroker.WAIT, "the latest consumer positioned at the log end", () -> {
                latest.poll(Duration.ofMillis(50));
                return latest.assignment().size() == PARTITIONS
                        && latest.assignment().stream().allMatch(tp -> latest.position(tp) == PER_PARTITION);
            });
            TopicRecords.produce(broker.bootstrap(), topic, PARTITIONS, PER_PARTITION, 1);
            List<Consumed> read = new ArrayList<>();
            Await.until(GroupsBroker.WAIT, "the records produced after joining", () -> {
                GroupConsumers.pollInto(latest, read);
                return read.size() >= PARTITIONS;
            });
            assertEquals(PARTITIONS, read.size());
            read.forEach(record -> assertEquals(PER_PARTITION, record.offset(), "latest reads only new records"));
        }

        try (KafkaConsumer<String, String> none = GroupConsumers.open(broker.bootstrap(), "reset-none",
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"))) {
            none.subscribe(List.of(topic));
            NoOffsetForPartitionException thrown = assertThrows(NoOffsetForPartitionException.class, () -> {
                long deadlineNs = System.nanoTime() + GroupsBroker.WAIT.toNanos();
                while (System.nanoTime() - deadlineNs < 0) {
                    none.poll(Duration.ofMillis(50));
                }
            });
            assertEquals(Set.copyOf(partitions(topic)), thrown.partitions());
            assertNull(none.committed(Set.of(new TopicPartition(topic, 0))).get(new TopicPartition(topic, 0)));
        }
    }

    /** Subscribes and polls until every record of the topic has been read. */
    private static List<Consumed> consumeAll(KafkaConsumer<String, String> consumer, String topic) {
        consumer.subscribe(List.of(topic));
        List<Consumed> read = new ArrayList<>();
        Await.until(GroupsBroker.WAIT, "every record of " + topic, () -> {
            GroupConsumers.pollInto(consumer, read);
            return read.size() >= PARTITIONS * PER_PARTITION;
        });
        return read;
    }

    private static Set<TopicPartition> partitions(String topic) {
        Set<TopicPartition> partitions = new java.util.HashSet<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            partitions.add(new TopicPartition(topic, partition));
        }
        return partitions;
    }

    private static boolean committedAtEnd(Map<TopicPartition, OffsetAndMetadata> committed) {
        if (committed.size() != PARTITIONS) {
            return false;
        }
        return committed.values().stream().allMatch(offset -> offset != null && offset.offset() == PER_PARTITION);
    }
}
