package io.samsa.broker.admin;

import static io.samsa.broker.admin.AdminFixture.CLUSTER_ID;
import static io.samsa.broker.admin.AdminFixture.HOST;
import static io.samsa.broker.admin.AdminFixture.NODE_ID;
import static io.samsa.broker.admin.AdminFixture.PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.metadata.TopicCreationDefaults;
import io.samsa.broker.topics.Topic;
import io.samsa.protocol.message.MetadataRequest;
import io.samsa.protocol.message.MetadataResponse;
import io.samsa.protocol.message.MetadataResponse.MetadataResponseTopic;
import io.samsa.protocol.types.Uuid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.MetadataResponse.PartitionMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataHandlerTest {
    @TempDir
    Path dir;
    private AdminFixture fixture;
    private Topic orders;
    private Topic offsets;

    @BeforeEach
    void setUp() {
        fixture = new AdminFixture(dir);
        orders = fixture.registry.create("orders", 3, Map.of());
        offsets = fixture.registry.create("__consumer_offsets", 2, Map.of());
        fixture.events.clear();
    }

    private MetadataHandler handler(boolean autoCreate) {
        return handler(AdminFixture.defaults(autoCreate));
    }

    private MetadataHandler handler(TopicCreationDefaults defaults) {
        return new MetadataHandler(fixture.registry, fixture.localBroker, defaults);
    }

    /** Kafka builds the request, we answer, Kafka parses the answer. */
    private org.apache.kafka.common.requests.MetadataResponse roundTrip(MetadataHandler handler,
            org.apache.kafka.common.requests.MetadataRequest.Builder builder, short version) {
        MetadataRequest request = KafkaWire.fromKafka(builder.build(version), MetadataRequest::new);
        return KafkaWire.toKafka(handler.handle(request, version), version);
    }

    @Test
    void v0EmptyListMeansAllTopicsAndTheJavaClientBuildsTheCluster() {
        // kafka-clients 4.1 no longer builds v0 requests (kafka-python still sends them): build our own.
        MetadataResponse ours = handler(false).handle(new MetadataRequest().setTopics(new ArrayList<>()), (short) 0);
        org.apache.kafka.common.requests.MetadataResponse response = KafkaWire.toKafka(ours, (short) 0);
        Cluster cluster = response.buildCluster();
        Node self = new Node(NODE_ID, HOST, PORT);
        assertEquals(List.of(self), cluster.nodes());
        assertEquals(Set.of("orders", "__consumer_offsets"), cluster.topics());
        assertEquals(3, cluster.partitionCountForTopic("orders"));
        for (PartitionInfo partition : cluster.partitionsForTopic("orders")) {
            assertEquals(self, partition.leader());
            assertEquals(List.of(self), List.of(partition.replicas()));
            assertEquals(List.of(self), List.of(partition.inSyncReplicas()));
            assertEquals(0, partition.offlineReplicas().length);
        }
    }

    @Test
    void v1EmptyListMeansNoTopicsAndNullMeansAll() {
        MetadataHandler handler = handler(true);
        org.apache.kafka.common.requests.MetadataResponse none =
                roundTrip(handler, new org.apache.kafka.common.requests.MetadataRequest.Builder(List.of(), true), (short) 1);
        assertTrue(none.topicMetadata().isEmpty());
        assertEquals(NODE_ID, none.controller().id());
        org.apache.kafka.common.requests.MetadataResponse all =
                roundTrip(handler, org.apache.kafka.common.requests.MetadataRequest.Builder.allTopics(), (short) 1);
        assertEquals(2, all.topicMetadata().size());
        // v1 carries the internal flag.
        assertEquals(Set.of("__consumer_offsets"), all.buildCluster().internalTopics());
        assertTrue(fixture.events.isEmpty());
    }

    @Test
    void v12CarriesClusterIdTopicIdsLeaderEpochAndAuthorizedOperations() {
        MetadataRequest request = KafkaWire.fromKafka(new org.apache.kafka.common.requests.MetadataRequest.Builder(
                List.of("orders"), false).build((short) 12), MetadataRequest::new);
        request.setIncludeTopicAuthorizedOperations(true);
        MetadataResponse ours = handler(false).handle(request, (short) 12);
        org.apache.kafka.common.requests.MetadataResponse response = KafkaWire.toKafka(ours, (short) 12);
        assertEquals(CLUSTER_ID, response.clusterId());
        assertEquals(NODE_ID, response.controller().id());
        Cluster cluster = response.buildCluster();
        assertEquals(orders.id().toString(), cluster.topicId("orders").toString());
        var topic = response.topicMetadata().iterator().next();
        assertEquals(Errors.NONE, topic.error());
        // No authorizer: all 8 topic operations (READ..ALTER_CONFIGS, bits 3-8, 10, 11), as Kafka reports.
        assertEquals(3576, topic.authorizedOperations());
        for (PartitionMetadata partition : topic.partitionMetadata()) {
            assertEquals(Optional.of(0), partition.leaderEpoch);
            assertEquals(Optional.of(NODE_ID), partition.leaderId);
        }
    }

    @Test
    void autoCreatesUnknownTopicsWhenRequestAndBrokerAllowAndAnswersAtOnce() {
        org.apache.kafka.common.requests.MetadataResponse response = roundTrip(handler(true),
                new org.apache.kafka.common.requests.MetadataRequest.Builder(List.of("fresh"), true), (short) 12);
        var topic = response.topicMetadata().iterator().next();
        assertEquals(Errors.NONE, topic.error());
        assertEquals(3, topic.partitionMetadata().size()); // num.partitions
        Topic created = fixture.registry.topic("fresh").orElseThrow();
        assertEquals(created.id().toString(), topic.topicId().toString());
        assertEquals(List.of("created fresh 3"), fixture.events);
    }

    @Test
    void belowV4TheRequestCannotRefuseAutoCreation() {
        org.apache.kafka.common.requests.MetadataResponse response = roundTrip(handler(true),
                new org.apache.kafka.common.requests.MetadataRequest.Builder(List.of("legacy"), true), (short) 3);
        assertEquals(Errors.NONE, response.errors().getOrDefault("legacy", Errors.NONE));
        assertTrue(fixture.registry.topic("legacy").isPresent());
    }

    @Test
    void unknownTopicWhenTheRequestOrTheBrokerForbidsCreation() {
        org.apache.kafka.common.requests.MetadataResponse requestSaysNo = roundTrip(handler(true),
                new org.apache.kafka.common.requests.MetadataRequest.Builder(List.of("nope"), false), (short) 4);
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, requestSaysNo.errors().get("nope"));
        org.apache.kafka.common.requests.MetadataResponse brokerSaysNo = roundTrip(handler(false),
                new org.apache.kafka.common.requests.MetadataRequest.Builder(List.of("nope"), true), (short) 12);
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, brokerSaysNo.errors().get("nope"));
        assertTrue(fixture.registry.topic("nope").isEmpty());
        assertTrue(fixture.events.isEmpty());
    }

    @Test
    void internalTopicsAreNeverAutoCreatedHere() {
        fixture.registry.delete(offsets.id());
        fixture.events.clear();
        org.apache.kafka.common.requests.MetadataResponse response = roundTrip(handler(true),
                new org.apache.kafka.common.requests.MetadataRequest.Builder(List.of("__consumer_offsets"), true), (short) 12);
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION, response.errors().get("__consumer_offsets"));
        assertTrue(fixture.events.isEmpty());
    }

    @Test
    void illegalNamesAreInvalidTopicAtLowestAndHighestVersion() {
        for (short version : new short[] {0, 12}) {
            MetadataRequest request = new MetadataRequest().setTopics(List.of(
                    new MetadataRequest.MetadataRequestTopic().setName("bad name"),
                    new MetadataRequest.MetadataRequestTopic().setName("orders")));
            org.apache.kafka.common.requests.MetadataResponse response =
                    KafkaWire.toKafka(handler(true).handle(request, version), version);
            assertEquals(Errors.INVALID_TOPIC_EXCEPTION, response.errors().get("bad name"));
            assertEquals(Errors.NONE, response.errors().getOrDefault("orders", Errors.NONE));
        }
        assertTrue(fixture.events.isEmpty());
    }

    @Test
    void autoCreationNeedingMoreReplicasThanNodesIsInvalidReplicationFactor() {
        MetadataHandler handler = handler(new TopicCreationDefaults(1, (short) 3, true));
        org.apache.kafka.common.requests.MetadataResponse response = roundTrip(handler,
                new org.apache.kafka.common.requests.MetadataRequest.Builder(List.of("rf3"), true), (short) 12);
        assertEquals(Errors.INVALID_REPLICATION_FACTOR, response.errors().get("rf3"));
        assertTrue(fixture.registry.topic("rf3").isEmpty());
    }

    @Test
    void v12TopicsByIdKnownAndUnknown() {
        org.apache.kafka.common.Uuid unknown = org.apache.kafka.common.Uuid.randomUuid();
        org.apache.kafka.common.Uuid known = org.apache.kafka.common.Uuid.fromString(orders.id().toString());
        MetadataRequest request = KafkaWire.fromKafka(org.apache.kafka.common.requests.MetadataRequest.Builder
                .forTopicIds(Set.of(known, unknown)).build((short) 12), MetadataRequest::new);
        MetadataResponse ours = handler(true).handle(request, (short) 12);
        MetadataResponseTopic missing = ours.topics().stream()
                .filter(t -> t.topicId().toString().equals(unknown.toString())).findFirst().orElseThrow();
        assertNull(missing.name());
        org.apache.kafka.common.requests.MetadataResponse response = KafkaWire.toKafka(ours, (short) 12);
        assertEquals(Errors.UNKNOWN_TOPIC_ID, response.errorsByTopicId().get(unknown));
        assertEquals(3, response.buildCluster().partitionCountForTopic("orders"));
        assertTrue(fixture.events.isEmpty());
    }

    @Test
    void v10UnknownIdGetsAnEmptyNameBecauseTheResponseNameIsNotNullableThere() {
        Uuid unknown = Uuid.random();
        MetadataRequest request = new MetadataRequest().setTopics(List.of(
                new MetadataRequest.MetadataRequestTopic().setName(null).setTopicId(unknown),
                new MetadataRequest.MetadataRequestTopic().setName(null).setTopicId(Uuid.ZERO)));
        MetadataResponse ours = handler(true).handle(request, (short) 10);
        assertEquals("", ours.topics().get(0).name());
        org.apache.kafka.common.requests.MetadataResponse response = KafkaWire.toKafka(ours, (short) 10);
        List<Short> errors = response.data().topics().stream().map(t -> t.errorCode()).toList();
        // Neither a name nor an id: an invalid topic, still encodable below v12.
        assertEquals(List.of(Errors.UNKNOWN_TOPIC_ID.code(), Errors.INVALID_TOPIC_EXCEPTION.code()), errors);
    }

    @Test
    void concurrentAutoCreationsOfOneTopicAllSucceedWithOneCreate() throws Exception {
        MetadataHandler handler = handler(true);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MetadataResponseTopic>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    MetadataRequest request = new MetadataRequest().setAllowAutoTopicCreation(true).setTopics(List.of(
                            new MetadataRequest.MetadataRequestTopic().setName("raced")));
                    return handler.handle(request, (short) 12).topics().get(0);
                }));
            }
            start.countDown();
            Uuid id = fixture.registry.topic("raced").map(Topic::id).orElse(null);
            for (Future<MetadataResponseTopic> answer : answers) {
                MetadataResponseTopic topic = answer.get(30, TimeUnit.SECONDS);
                assertEquals(0, topic.errorCode());
                assertEquals(3, topic.partitions().size());
                id = id == null ? topic.topicId() : id;
                assertEquals(id, topic.topicId());
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of("created raced 3"), fixture.events);
    }

    @Test
    void aRepeatedNameIsAnsweredOnce() {
        MetadataRequest request = new MetadataRequest().setTopics(List.of(
                new MetadataRequest.MetadataRequestTopic().setName("orders"),
                new MetadataRequest.MetadataRequestTopic().setName("orders")));
        assertEquals(1, handler(false).handle(request, (short) 5).topics().size());
    }
}
