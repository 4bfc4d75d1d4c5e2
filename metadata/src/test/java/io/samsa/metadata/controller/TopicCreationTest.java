package io.samsa.metadata.controller;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.CreatePartitionsTopic;
import io.samsa.metadata.controller.api.CreateTopicResult;
import io.samsa.metadata.controller.api.TopicResult;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.protocol.ErrorCode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicCreationTest {

    private static ControllerTestContext threeBrokers() {
        ControllerTestContext ctx = new ControllerTestContext();
        for (int id = 1; id <= 3; id++) {
            ctx.startBroker(id);
        }
        return ctx;
    }

    @Test
    void placementSpreadsLeadersAndReplicasEvenly() {
        ControllerTestContext ctx = threeBrokers();
        CreateTopicResult result = ctx.createTopic("spread", 6, 3);
        assertEquals(ErrorCode.NONE, result.error().error());
        assertEquals(6, result.numPartitions());
        Map<Integer, Integer> leaders = new HashMap<>();
        Map<Integer, Integer> followers = new HashMap<>();
        for (int p = 0; p < 6; p++) {
            PartitionRegistration partition = ctx.partition("spread", p);
            assertEquals(3, partition.replicas().length);
            assertEquals(3, Set.of(partition.replicas()[0], partition.replicas()[1], partition.replicas()[2]).size());
            assertArrayEquals(partition.replicas(), partition.isr(), "all replicas are live: all in the ISR");
            assertEquals(partition.preferredLeader(), partition.leader());
            leaders.merge(partition.leader(), 1, Integer::sum);
            followers.merge(partition.replicas()[1], 1, Integer::sum);
        }
        assertEquals(Map.of(1, 2, 2, 2, 3, 2), leaders);
        assertEquals(Map.of(1, 2, 2, 2, 3, 2), followers);
    }

    @Test
    void brokersInRacksGetEveryPartitionSpreadOverThreeRacks() {
        ControllerTestContext ctx = new ControllerTestContext();
        String[] racks = {"a", "a", "b", "b", "c", "c"};
        for (int id = 1; id <= racks.length; id++) {
            ctx.rack(id, racks[id - 1]);
            ctx.startBroker(id);
        }
        assertEquals(ErrorCode.NONE, ctx.createTopic("racked", 12, 3).error().error());
        Map<Integer, Integer> leaders = new HashMap<>();
        for (int p = 0; p < 12; p++) {
            int[] replicas = ctx.partition("racked", p).replicas();
            Set<String> spanned = new HashSet<>();
            for (int replica : replicas) {
                spanned.add(racks[replica - 1]);
            }
            assertEquals(Set.of("a", "b", "c"), spanned, "partition " + p + " over every rack");
            leaders.merge(replicas[0], 1, Integer::sum);
        }
        assertEquals(Map.of(1, 2, 2, 2, 3, 2, 4, 2, 5, 2, 6, 2), leaders);
    }

    @Test
    void successiveTopicsContinueTheRotation() {
        ControllerTestContext ctx = threeBrokers();
        Set<Integer> leaders = new HashSet<>();
        for (int t = 0; t < 3; t++) {
            ctx.createTopic("single-" + t, 1, 1);
            leaders.add(ctx.partition("single-" + t, 0).leader());
        }
        assertEquals(Set.of(1, 2, 3), leaders);
    }

    @Test
    void aReplicationFactorAboveTheLiveBrokersIsRefusedWithKafkasMessage() {
        ControllerTestContext ctx = threeBrokers();
        ctx.heartbeatAll(1, 2);
        ctx.sleep(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT); // all three expire
        ctx.heartbeatAll(1, 2);
        CreateTopicResult result = ctx.createTopic("too-many", 1, 3);
        assertEquals(ErrorCode.INVALID_REPLICATION_FACTOR, result.error().error());
        assertEquals("Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be "
                + "reached because only 2 broker(s) are registered.", result.error().message());
        assertEquals(null, ctx.image.topic("too-many"));
    }

    @Test
    void badCountsNamesAndDuplicatesGetKafkasErrors() {
        ControllerTestContext ctx = threeBrokers();
        assertEquals(ErrorCode.INVALID_PARTITIONS, ctx.createTopic("a", 0, 1).error().error());
        assertEquals(ErrorCode.INVALID_REPLICATION_FACTOR, ctx.createTopic("a", 1, 0).error().error());
        assertEquals(ErrorCode.INVALID_TOPIC_EXCEPTION, ctx.createTopic("bad name", 1, 1).error().error());
        assertEquals(ErrorCode.INVALID_TOPIC_EXCEPTION, ctx.createTopic("..", 1, 1).error().error());
        assertEquals(ErrorCode.INVALID_TOPIC_EXCEPTION, ctx.createTopic("x".repeat(250), 1, 1).error().error());
        assertEquals(ErrorCode.NONE, ctx.createTopic("a", -1, -1).error().error());
        CreateTopicResult again = ctx.createTopic("a", 1, 1);
        assertEquals(ErrorCode.TOPIC_ALREADY_EXISTS, again.error().error());
        assertEquals("Topic 'a' already exists.", again.error().message());

        List<CreateTopicResult> dup = ctx.commit(ctx.controller.createTopics(ctx.image,
                List.of(CreatableTopic.of("d", 1, 1), CreatableTopic.of("d", 1, 1)), false));
        assertEquals(ErrorCode.INVALID_REQUEST, dup.get(0).error().error());
        assertEquals("Duplicate topic name.", dup.get(1).error().message());
    }

    @Test
    void explicitAssignmentsAreValidated() {
        ControllerTestContext ctx = threeBrokers();
        assertEquals(ErrorCode.NONE, create(ctx, "ok", Map.of(0, List.of(3, 1), 1, List.of(2, 3))).error().error());
        assertArrayEquals(new int[] {3, 1}, ctx.partition("ok", 0).replicas());
        assertEquals(3, ctx.partition("ok", 0).leader());

        CreateTopicResult unknown = create(ctx, "u", Map.of(0, List.of(1, 9)));
        assertEquals(ErrorCode.INVALID_REPLICA_ASSIGNMENT, unknown.error().error());
        assertEquals("The manual partition assignment includes broker 9, but no such broker is registered.",
                unknown.error().message());
        assertEquals(ErrorCode.INVALID_REPLICA_ASSIGNMENT, create(ctx, "d", Map.of(0, List.of(1, 1))).error().error());
        assertEquals(ErrorCode.INVALID_REPLICA_ASSIGNMENT,
                create(ctx, "s", Map.of(0, List.of(1, 2), 1, List.of(1))).error().error());
        assertEquals(ErrorCode.INVALID_REPLICA_ASSIGNMENT, create(ctx, "g", Map.of(0, List.of(1), 2, List.of(2)))
                .error().error());
        CreateTopicResult withCount = ctx.commit(ctx.controller.createTopics(ctx.image, List.of(
                new CreatableTopic("c", 2, (short) -1, Map.of(0, List.of(1)), Map.of())), false)).get(0);
        assertEquals(ErrorCode.INVALID_REQUEST, withCount.error().error());
    }

    private static CreateTopicResult create(ControllerTestContext ctx, String name, Map<Integer, List<Integer>> assignment) {
        return ctx.commit(ctx.controller.createTopics(ctx.image, List.of(
                new CreatableTopic(name, -1, (short) -1, assignment, Map.of())), false)).get(0);
    }

    @Test
    void validateOnlyWritesNothingAndConfigsAreRecorded() {
        ControllerTestContext ctx = threeBrokers();
        ControllerResult<List<CreateTopicResult>> dry = ctx.controller.createTopics(ctx.image,
                List.of(CreatableTopic.of("v", 3, 2)), true);
        assertTrue(dry.records().isEmpty());
        assertEquals(ErrorCode.NONE, dry.response().get(0).error().error());

        ctx.commit(ctx.controller.createTopics(ctx.image, List.of(new CreatableTopic("c", 1, (short) 1, Map.of(),
                Map.of("cleanup.policy", "compact"))), false));
        assertEquals(Map.of("cleanup.policy", "compact"), ctx.image.configs(ConfigResource.topic("c")));
    }

    @Test
    void createPartitionsAddsPlacedPartitionsAndChecksTheCount() {
        ControllerTestContext ctx = threeBrokers();
        ctx.createTopic("grow", 2, 2);
        List<TopicResult> grown = ctx.commit(ctx.controller.createPartitions(ctx.image,
                List.of(new CreatePartitionsTopic("grow", 5, List.of())), false));
        assertEquals(ErrorCode.NONE, grown.get(0).error().error());
        assertEquals(5, ctx.image.topic("grow").partitions().size());
        assertEquals(2, ctx.partition("grow", 4).replicas().length);

        TopicResult shrink = ctx.commit(ctx.controller.createPartitions(ctx.image,
                List.of(new CreatePartitionsTopic("grow", 3, List.of())), false)).get(0);
        assertEquals(ErrorCode.INVALID_PARTITIONS, shrink.error().error());
        assertEquals("The topic grow currently has 5 partition(s); 3 would not be an increase.", shrink.error().message());
        TopicResult wrongSize = ctx.commit(ctx.controller.createPartitions(ctx.image,
                List.of(new CreatePartitionsTopic("grow", 6, List.of(List.of(1)))), false)).get(0);
        assertEquals(ErrorCode.INVALID_REPLICA_ASSIGNMENT, wrongSize.error().error());
        TopicResult unknown = ctx.commit(ctx.controller.createPartitions(ctx.image,
                List.of(new CreatePartitionsTopic("nope", 6, List.of())), false)).get(0);
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, unknown.error().error());
    }

    @Test
    void deleteTopicsRemovesTopicsAndTheirConfigs() {
        ControllerTestContext ctx = threeBrokers();
        ctx.commit(ctx.controller.createTopics(ctx.image, List.of(new CreatableTopic("gone", 2, (short) 1, Map.of(),
                Map.of("retention.ms", "1000"))), false));
        var id = ctx.topicId("gone");
        List<TopicResult> results = ctx.commit(ctx.controller.deleteTopics(ctx.image, List.of("gone", "never"),
                List.of(id)));
        assertEquals(ErrorCode.NONE, results.get(0).error().error());
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, results.get(1).error().error());
        assertEquals(ErrorCode.NONE, results.get(2).error().error(), "the same topic by id, removed once");
        assertEquals(null, ctx.image.topic("gone"));
        assertEquals(Map.of(), ctx.image.configs(ConfigResource.topic("gone")));
        assertEquals(ErrorCode.NONE, ctx.createTopic("gone", 1, 1).error().error(), "the name is free again");
    }
}
