package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.interop.LegacyClientJvm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * kafka-clients 4.4.0 in a child JVM ({@link ConsumerProtocolScenario}) against one in-process Samsa
 * broker: two {@code group.protocol=consumer} members split a topic and read every record once with
 * commitSync, then one leaves and the other takes every partition; the 4.1 Admin sees the offsets
 * committed at the end of every partition.
 */
class KafkaClients44ConsumerProtocolTest extends ConsumerGroupsBrokerTest {
    private static final Duration JVM_DEADLINE = Duration.ofSeconds(90);
    @Test
    void twoConsumerProtocolMembersOfKafkaClients44SplitATopicAndHandItOver() throws Exception {
        String topic = "clients44-six";
        String group = "clients44-group";
        broker.createTopic(topic, 6);
        TopicRecords.produce(broker.bootstrap(), topic, 6, 0, 10);
        try (RunningProcess child = RunningProcess.start(LegacyClientJvm.command("4.4.0", ConsumerProtocolScenario.class,
                List.of(broker.bootstrap(), group, topic, "6", "60")), Map.of())) {
            assertEquals(0, child.awaitExit(JVM_DEADLINE), child::describe);
            assertTrue(child.describe().contains("kafka-clients version 4.4.0"), child::describe);
            assertEquals(List.of("split 3 3", "read 60", "alone 6"), child.lines(), child::describe);
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = broker.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        assertEquals(6, offsets.size(), offsets::toString);
        offsets.values().forEach(offset -> assertEquals(10, offset.offset(), offsets::toString));
    }
}
