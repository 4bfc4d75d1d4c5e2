package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.metadata.ConfigSource;
import io.samsa.broker.metadata.TopicCreationDefaults;
import io.samsa.broker.topics.Topic;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.CreateTopicsRequest;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableReplicaAssignment;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableTopic;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableTopicConfig;
import io.samsa.protocol.message.CreateTopicsResponse;
import io.samsa.protocol.message.CreateTopicsResponse.CreatableTopicResult;
import io.samsa.protocol.types.Uuid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateTopicsHandlerTest {
    @TempDir
    Path dir;
    private AdminFixture fixture;
    private CreateTopicsHandler handler;

    @BeforeEach
    void setUp() {
        fixture = new AdminFixture(dir);
        handler = handler(AdminFixture.defaults(true));
    }

    private CreateTopicsHandler handler(TopicCreationDefaults defaults) {
        return new CreateTopicsHandler(fixture.registry, fixture.localBroker, defaults, fixture.configPolicy);
    }

    private static CreatableTopic topic(String name, int partitions, int replicationFactor) {
        return new CreatableTopic().setName(name).setNumPartitions(partitions).setReplicationFactor((short) replicationFactor);
    }

    private CreatableTopicResult createOne(CreatableTopic topic, short version) {
        CreateTopicsResponse response = handler.handle(new CreateTopicsRequest().setTopics(new ArrayList<>(List.of(topic))), version);
        assertEquals(1, response.topics().size());
        return response.topics().get(0);
    }

    private static void assertError(ErrorCode expected, CreatableTopicResult result) {
        assertEquals(expected.code(), result.errorCode(), result.errorMessage());
    }

    @Test
    void v2CreatesFromAKafkaBuiltRequestAndKafkaParsesTheAnswer() {
        CreateTopicsRequestData data = new CreateTopicsRequestData().setTimeoutMs(30_000);
        data.topics().add(new CreateTopicsRequestData.CreatableTopic().setName("orders").setNumPartitions(2)
                .setReplicationFactor((short) 1));
        CreateTopicsRequest request = KafkaWire.fromKafka(
                new org.apache.kafka.common.requests.CreateTopicsRequest.Builder(data).build((short) 2), CreateTopicsRequest::new);
        org.apache.kafka.common.requests.CreateTopicsResponse parsed = KafkaWire.toKafka(handler.handle(request, (short) 2), (short) 2);
        assertEquals(Errors.NONE.code(), parsed.data().topics().find("orders").errorCode());
        assertEquals(2, fixture.registry.topic("orders").orElseThrow().partitionCount());
        assertEquals(List.of("created orders 2"), fixture.events);
    }

    @Test
    void v7MinusOneTakesBrokerDefaultsAndReturnsCountsConfigsAndTheTopicId() {
        CreatableTopic request = topic("events", -1, -1);
        request.configs().add(new CreatableTopicConfig().setName("cleanup.policy").setValue("compact"));
        CreatableTopicResult result = createOne(request, (short) 7);
        assertError(ErrorCode.NONE, result);
        Topic created = fixture.registry.topic("events").orElseThrow();
        assertEquals(3, created.partitionCount());
        assertEquals(Map.of("cleanup.policy", "compact"), created.configOverrides());

        org.apache.kafka.common.requests.CreateTopicsResponse parsed = KafkaWire.toKafka(
                new CreateTopicsResponse().setTopics(new ArrayList<>(List.of(result))), (short) 7);
        CreateTopicsResponseData.CreatableTopicResult kafka = parsed.data().topics().find("events");
        assertEquals(created.id().toString(), kafka.topicId().toString());
        assertNull(kafka.errorMessage());
        assertEquals(3, kafka.numPartitions());
        assertEquals(1, kafka.replicationFactor());
        Map<String, CreateTopicsResponseData.CreatableTopicConfigs> configs = kafka.configs().stream()
                .collect(Collectors.toMap(CreateTopicsResponseData.CreatableTopicConfigs::name, c -> c));
        assertEquals("compact", configs.get("cleanup.policy").value());
        assertEquals(ConfigSource.DYNAMIC_TOPIC_CONFIG.id(), configs.get("cleanup.policy").configSource());
        assertEquals("3600000", configs.get("retention.ms").value()); // log.retention.ms in server.properties
        assertEquals(ConfigSource.STATIC_BROKER_CONFIG.id(), configs.get("retention.ms").configSource());
        assertEquals("1073741824", configs.get("segment.bytes").value());
        assertEquals(ConfigSource.DEFAULT_CONFIG.id(), configs.get("segment.bytes").configSource());
    }

    @Test
    void belowV5TheCountsAndConfigsAreNotOnTheWire() {
        CreatableTopicResult result = createOne(topic("old", 1, 1), (short) 4);
        org.apache.kafka.common.requests.CreateTopicsResponse parsed = KafkaWire.toKafka(
                new CreateTopicsResponse().setTopics(new ArrayList<>(List.of(result))), (short) 4);
        assertEquals(-1, parsed.data().topics().find("old").numPartitions());
        assertTrue(parsed.data().topics().find("old").configs().isEmpty());
    }

    @Test
    void validateOnlyChecksEverythingAndCreatesNothing() {
        CreateTopicsRequest request = new CreateTopicsRequest().setValidateOnly(true)
                .setTopics(new ArrayList<>(List.of(topic("dry", 4, 1), topic("dry-bad", 4, 2))));
        CreateTopicsResponse response = handler.handle(request, (short) 7);
        assertError(ErrorCode.NONE, response.topics().get(0));
        assertEquals(4, response.topics().get(0).numPartitions());
        assertEquals(Uuid.ZERO, response.topics().get(0).topicId());
        assertError(ErrorCode.INVALID_REPLICATION_FACTOR, response.topics().get(1));
        assertTrue(fixture.registry.topics().isEmpty());
        assertTrue(fixture.events.isEmpty());
    }

    @Test
    void existingIllegalAndCollidingNames() {
        createOne(topic("a.b", 1, 1), (short) 7);
        assertError(ErrorCode.TOPIC_ALREADY_EXISTS, createOne(topic("a.b", 1, 1), (short) 2));
        assertError(ErrorCode.INVALID_TOPIC_EXCEPTION, createOne(topic("a_b", 1, 1), (short) 2));
        assertError(ErrorCode.INVALID_TOPIC_EXCEPTION, createOne(topic("bad/name", 1, 1), (short) 7));
        assertError(ErrorCode.INVALID_TOPIC_EXCEPTION, createOne(topic("x".repeat(250), 1, 1), (short) 7));
    }

    @Test
    void partitionAndReplicationFactorErrors() {
        assertError(ErrorCode.INVALID_PARTITIONS, createOne(topic("p0", 0, 1), (short) 7));
        assertError(ErrorCode.INVALID_PARTITIONS, createOne(topic("pneg", -2, 1), (short) 7));
        assertError(ErrorCode.INVALID_PARTITIONS, createOne(topic("phuge", AdminFixture.MAX_PARTITIONS + 1, 1), (short) 7));
        assertError(ErrorCode.INVALID_REPLICATION_FACTOR, createOne(topic("rf2", 1, 2), (short) 2));
        assertError(ErrorCode.INVALID_REPLICATION_FACTOR, createOne(topic("rf0", 1, 0), (short) 7));
        handler = handler(new TopicCreationDefaults(1, (short) 3, true));
        assertError(ErrorCode.INVALID_REPLICATION_FACTOR, createOne(topic("rfdefault", 1, -1), (short) 7));
        assertTrue(fixture.registry.topics().isEmpty());
    }

    @Test
    void manualAssignmentsSetThePartitionCountAndMayNameOnlyThisNode() {
        CreatableTopic assigned = topic("manual", -1, -1);
        assigned.assignments().add(assignment(1, AdminFixture.NODE_ID));
        assigned.assignments().add(assignment(0, AdminFixture.NODE_ID));
        assertError(ErrorCode.NONE, createOne(assigned, (short) 7));
        assertEquals(2, fixture.registry.topic("manual").orElseThrow().partitionCount());

        CreatableTopic withCount = topic("both", 2, -1);
        withCount.assignments().add(assignment(0, AdminFixture.NODE_ID));
        assertError(ErrorCode.INVALID_REQUEST, createOne(withCount, (short) 7));

        CreatableTopic otherBroker = topic("other", -1, -1);
        otherBroker.assignments().add(assignment(0, AdminFixture.NODE_ID + 1));
        assertError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, createOne(otherBroker, (short) 7));

        CreatableTopic twoReplicas = topic("two", -1, -1);
        twoReplicas.assignments().add(assignment(0, AdminFixture.NODE_ID, AdminFixture.NODE_ID));
        assertError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, createOne(twoReplicas, (short) 7));

        CreatableTopic gap = topic("gap", -1, -1);
        gap.assignments().add(assignment(0, AdminFixture.NODE_ID));
        gap.assignments().add(assignment(2, AdminFixture.NODE_ID));
        assertError(ErrorCode.INVALID_REPLICA_ASSIGNMENT, createOne(gap, (short) 2));
        assertEquals(1, fixture.registry.topics().size());
    }

    @Test
    void unknownBadOrNullConfigsAreInvalidConfig() {
        String[][] bad = {{"no.such.key", "1"}, {"retention.ms", "soon"}, {"cleanup.policy", "shred"}, {"segment.bytes", null}};
        for (String[] config : bad) {
            CreatableTopic request = topic("configured", 1, 1);
            request.configs().add(new CreatableTopicConfig().setName(config[0]).setValue(config[1]));
            CreatableTopicResult result = createOne(request, (short) 7);
            assertError(ErrorCode.INVALID_CONFIG, result);
            assertTrue(result.errorMessage().contains(config[0]), result.errorMessage());
        }
        assertTrue(fixture.registry.topics().isEmpty());
    }

    @Test
    void aNameListedTwiceGetsOneInvalidRequestResult() {
        CreateTopicsRequest request = new CreateTopicsRequest()
                .setTopics(new ArrayList<>(List.of(topic("twice", 1, 1), topic("once", 1, 1), topic("twice", 2, 1))));
        CreateTopicsResponse response = handler.handle(request, (short) 7);
        assertEquals(List.of("twice", "once"), response.topics().stream().map(CreatableTopicResult::name).toList());
        assertError(ErrorCode.INVALID_REQUEST, response.topics().get(0));
        assertError(ErrorCode.NONE, response.topics().get(1));
        assertTrue(fixture.registry.topic("twice").isEmpty());
    }

    private static CreatableReplicaAssignment assignment(int partition, Integer... brokers) {
        return new CreatableReplicaAssignment().setPartitionIndex(partition).setBrokerIds(new ArrayList<>(List.of(brokers)));
    }
}
