package io.samsa.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.DeleteConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 1 with kafka-clients 4.1's Admin: offsets for a partition of an unknown topic, or
 * beyond the topic's partition count, are refused with UNKNOWN_TOPIC_OR_PARTITION while the
 * request's other partitions commit, and nothing is stored for the refused ones; OffsetDelete
 * answers the same for them.
 */
class UnknownPartitionOffsetsTest extends AdminBrokerTestSupport {
    private static final String TOPIC = "known";
    private static final String GROUP = "typo-group";

    @BeforeEach
    void createTopic() throws Exception {
        admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
    }

    @Test
    void commitToUnknownTopicOrPartitionIsRefusedAndTheOthersCommit() throws Exception {
        TopicPartition good = new TopicPartition(TOPIC, 1);
        TopicPartition beyondCount = new TopicPartition(TOPIC, 2);
        TopicPartition unknownTopic = new TopicPartition("knwon", 0);
        AlterConsumerGroupOffsetsResult result = admin.alterConsumerGroupOffsets(GROUP, Map.of(
                good, new OffsetAndMetadata(5), beyondCount, new OffsetAndMetadata(6), unknownTopic, new OffsetAndMetadata(7)));

        result.partitionResult(good).get();
        assertUnknownTopicOrPartition(() -> result.partitionResult(beyondCount).get());
        assertUnknownTopicOrPartition(() -> result.partitionResult(unknownTopic).get());

        Map<TopicPartition, OffsetAndMetadata> stored = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        assertEquals(Map.of(good, new OffsetAndMetadata(5)), stored);
    }

    @Test
    void commitOfOnlyUnknownPartitionsCreatesNoGroup() throws Exception {
        TopicPartition unknownTopic = new TopicPartition("absent", 0);
        AlterConsumerGroupOffsetsResult result = admin.alterConsumerGroupOffsets("never-created",
                Map.of(unknownTopic, new OffsetAndMetadata(1)));
        assertUnknownTopicOrPartition(() -> result.partitionResult(unknownTopic).get());
        assertTrue(admin.listConsumerGroupOffsets("never-created").partitionsToOffsetAndMetadata().get().isEmpty());
    }

    @Test
    void offsetDeleteOfUnknownPartitionsAnswersUnknownTopicOrPartition() throws Exception {
        TopicPartition good = new TopicPartition(TOPIC, 0);
        admin.alterConsumerGroupOffsets(GROUP, Map.of(good, new OffsetAndMetadata(3))).all().get();
        TopicPartition beyondCount = new TopicPartition(TOPIC, 9);
        TopicPartition unknownTopic = new TopicPartition("absent", 0);

        DeleteConsumerGroupOffsetsResult result = admin.deleteConsumerGroupOffsets(GROUP, Set.of(good, beyondCount, unknownTopic));
        result.partitionResult(good).get();
        assertUnknownTopicOrPartition(() -> result.partitionResult(beyondCount).get());
        assertUnknownTopicOrPartition(() -> result.partitionResult(unknownTopic).get());
        assertTrue(admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().isEmpty());
    }

    @Test
    void offsetDeleteForAnUnknownGroupStillAnswersGroupIdNotFound() {
        TopicPartition unknownTopic = new TopicPartition("absent", 0);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> admin.deleteConsumerGroupOffsets("no-such-group", Set.of(unknownTopic)).all().get());
        assertInstanceOf(GroupIdNotFoundException.class, failure.getCause());
    }

    private static void assertUnknownTopicOrPartition(org.junit.jupiter.api.function.Executable call) {
        ExecutionException failure = assertThrows(ExecutionException.class, call);
        assertInstanceOf(UnknownTopicOrPartitionException.class, failure.getCause());
        assertEquals("This server does not host this topic-partition.", failure.getCause().getMessage());
    }
}
