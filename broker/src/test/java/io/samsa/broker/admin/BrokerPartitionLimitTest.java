package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.util.Time;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * max.broker.partitions through the whole broker with kafka-clients 4.1's Admin: CreateTopics,
 * CreatePartitions and Metadata auto-creation past the limit are POLICY_VIOLATION with a message,
 * and an absurd partition count is refused before anything is allocated for it.
 */
class BrokerPartitionLimitTest {
    @TempDir
    Path dir;

    @Test
    void creatingOrGrowingPastTheLimitIsPolicyViolation() throws Exception {
        // offsets.topic.num.partitions=1: __consumer_offsets, if created, takes 1 of the 10
        try (Broker broker = BrokerAssembly.build(TestBrokers.config(Map.of("log.dirs", dir.toString(),
                "max.broker.partitions", "10", "offsets.topic.num.partitions", "1", "num.partitions", "6")), Time.SYSTEM).start();
             Admin admin = TestBrokers.admin(broker)) {
            admin.createTopics(List.of(new NewTopic("a", 5, (short) 1))).all().get();

            ExecutionException create = assertThrows(ExecutionException.class,
                    () -> admin.createTopics(List.of(new NewTopic("b", 6, (short) 1))).all().get());
            assertInstanceOf(PolicyViolationException.class, create.getCause());
            assertTrue(create.getCause().getMessage().startsWith("Cannot create topic 'b' with 6 partitions: this broker would hold "),
                    create.getCause().getMessage());
            assertTrue(create.getCause().getMessage().contains("above max.broker.partitions=10"), create.getCause().getMessage());

            ExecutionException grow = assertThrows(ExecutionException.class,
                    () -> admin.createPartitions(Map.of("a", NewPartitions.increaseTo(11))).all().get());
            assertInstanceOf(PolicyViolationException.class, grow.getCause());

            ExecutionException huge = assertThrows(ExecutionException.class,
                    () -> admin.createTopics(List.of(new NewTopic("huge", Integer.MAX_VALUE, (short) 1))).all().get());
            assertInstanceOf(InvalidPartitionsException.class, huge.getCause(), "the per-topic limit comes first");

            admin.createTopics(List.of(new NewTopic("fits", 4, (short) 1)), new CreateTopicsOptions().validateOnly(true)).all().get();

            // Metadata auto-creation takes num.partitions=6: past the limit, so refused and not created
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(broker)) {
                assertTrue(consumer.listTopics().keySet().stream().noneMatch("auto"::equals));
                KafkaException refused = assertThrows(KafkaException.class,
                        () -> consumer.partitionsFor("auto", java.time.Duration.ofSeconds(10)));
                assertEquals("Unexpected error fetching metadata for topic auto", refused.getMessage(),
                        "the client is told at once, instead of waiting out its timeout");
            }
            assertTrue(admin.listTopics().names().get().stream().noneMatch("auto"::equals), "auto-creation refused");
            assertEquals(5, admin.describeTopics(List.of("a")).allTopicNames().get().get("a").partitions().size());
        }
    }


    private static KafkaConsumer<byte[], byte[]> consumer(Broker broker) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + broker.boundPort());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "true");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
