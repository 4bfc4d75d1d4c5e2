package io.samsa.client.consumer.internals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerPartitionAssignor.Assignment;
import io.samsa.client.consumer.ConsumerPartitionAssignor.Subscription;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.junit.jupiter.api.Test;

/** The embedded consumer protocol bytes, checked against kafka-clients' ConsumerProtocol both ways. */
class ConsumerProtocolCodecTest {

    @Test
    void subscriptionMatchesKafka() {
        Subscription ours = new Subscription(List.of("a", "b"), ByteBuffer.wrap(new byte[] {1, 2, 3}),
            List.of(new TopicPartition("a", 0), new TopicPartition("a", 2), new TopicPartition("b", 1)), 7, Optional.of("rack-1"));
        byte[] bytes = ConsumerProtocolCodec.encodeSubscription(ours);
        org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription theirs =
            ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(bytes));
        assertEquals(List.of("a", "b"), theirs.topics());
        assertEquals(7, theirs.generationId().orElseThrow());
        assertEquals("rack-1", theirs.rackId().orElseThrow());
        assertEquals(3, theirs.ownedPartitions().size());
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), theirs.userData());

        ByteBuffer kafkaBytes = ConsumerProtocol.serializeSubscription(theirs);
        byte[] expected = new byte[kafkaBytes.remaining()];
        kafkaBytes.get(expected);
        assertArrayEquals(expected, bytes, "the same bytes as Kafka's Subscription v3");

        Subscription back = ConsumerProtocolCodec.decodeSubscription(expected);
        assertEquals(ours.topics(), back.topics());
        assertEquals(ours.ownedPartitions(), back.ownedPartitions());
        assertEquals(Optional.of(7), back.generationId());
        assertEquals(Optional.of("rack-1"), back.rackId());
    }

    @Test
    void olderSubscriptionVersionsDecode() {
        org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription v0 =
            new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(List.of("x"), null);
        ByteBuffer buffer = ConsumerProtocol.serializeSubscription(v0, (short) 0);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        Subscription decoded = ConsumerProtocolCodec.decodeSubscription(bytes);
        assertEquals(List.of("x"), decoded.topics());
        assertTrue(decoded.ownedPartitions().isEmpty());
        assertEquals(Optional.empty(), decoded.generationId());
        assertThrows(IllegalArgumentException.class, () -> ConsumerProtocolCodec.decodeSubscription(new byte[] {0}));
    }

    @Test
    void assignmentMatchesKafka() {
        Assignment ours = new Assignment(List.of(new TopicPartition("a", 1), new TopicPartition("b", 0)), ByteBuffer.wrap(new byte[] {9}));
        byte[] bytes = ConsumerProtocolCodec.encodeAssignment(ours);
        org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment theirs =
            ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(bytes));
        assertEquals(List.of(new org.apache.kafka.common.TopicPartition("a", 1), new org.apache.kafka.common.TopicPartition("b", 0)),
            theirs.partitions());
        ByteBuffer kafkaBytes = ConsumerProtocol.serializeAssignment(theirs, (short) 0);
        byte[] v0 = new byte[kafkaBytes.remaining()];
        kafkaBytes.get(v0);
        assertEquals(ours.partitions(), ConsumerProtocolCodec.decodeAssignment(v0).partitions());
        assertTrue(ConsumerProtocolCodec.decodeAssignment(new byte[0]).partitions().isEmpty(), "empty bytes: nothing assigned");
    }
}
