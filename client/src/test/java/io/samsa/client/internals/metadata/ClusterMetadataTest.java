package io.samsa.client.internals.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.Node;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.errors.ConfigException;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.client.internals.network.NetworkConfig;
import io.samsa.client.testing.FakeKafkaServer;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.MetadataRequest;
import io.samsa.protocol.message.MetadataResponse;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.ManualTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refresh rules of ClusterMetadata, with a manual clock and a scriptable broker. */
class ClusterMetadataTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long MAX_AGE_MS = 60_000;
    private static final long BACKOFF_MS = 100;
    private static final Uuid TOPIC_ID = new Uuid(12, 34);

    private final ManualTime time = new ManualTime();
    private FakeKafkaServer server;
    private NetworkClient network;
    private ClusterMetadata metadata;

    @BeforeEach
    void setUp() {
        server = new FakeKafkaServer();
        network = new NetworkClient(NetworkConfig.defaults("metadata-test"), time);
        metadata = new ClusterMetadata(network, List.of(new Node(-1, "127.0.0.1", server.port())), MAX_AGE_MS, BACKOFF_MS, false);
    }

    @AfterEach
    void tearDown() {
        network.close();
        server.close();
    }

    private MetadataResponse response() {
        return new MetadataResponse().setClusterId("cluster-a").setControllerId(1)
            .setBrokers(List.of(
                new MetadataResponse.MetadataResponseBroker().setNodeId(1).setHost("127.0.0.1").setPort(server.port()),
                new MetadataResponse.MetadataResponseBroker().setNodeId(2).setHost("127.0.0.1").setPort(server.port()).setRack("r2")))
            .setTopics(List.of(
                new MetadataResponse.MetadataResponseTopic().setName("t").setTopicId(TOPIC_ID).setPartitions(List.of(
                    new MetadataResponse.MetadataResponsePartition().setPartitionIndex(0).setLeaderId(1).setLeaderEpoch(5)
                        .setReplicaNodes(List.of(1, 2)).setIsrNodes(List.of(1)),
                    new MetadataResponse.MetadataResponsePartition().setPartitionIndex(1).setLeaderId(2).setLeaderEpoch(7)
                        .setReplicaNodes(List.of(2)).setIsrNodes(List.of(2)))),
                new MetadataResponse.MetadataResponseTopic().setName("gone").setErrorCode(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code())));
    }

    @Test
    void firstRefreshReplacesTheBootstrapView() throws Exception {
        assertEquals(List.of(-1), List.copyOf(metadata.snapshot().nodesById().keySet()));
        CompletableFuture<MetadataSnapshot> updated = metadata.requestUpdate();
        FakeKafkaServer.Received request = server.take(WAIT);
        assertEquals(List.of(), ((MetadataRequest) request.body()).topics(), "no tracked topics: brokers only");
        assertFalse(((MetadataRequest) request.body()).allowAutoTopicCreation());
        request.respond(response());
        MetadataSnapshot snapshot = updated.get();
        assertEquals(snapshot, metadata.snapshot());
        assertEquals("cluster-a", snapshot.clusterId());
        assertEquals(1, snapshot.controller().orElseThrow().id());
        assertEquals(2, snapshot.leader(new TopicPartition("t", 1)).orElseThrow().id());
        assertEquals(7, snapshot.leaderEpoch(new TopicPartition("t", 1)).orElseThrow());
        assertEquals("r2", snapshot.node(2).orElseThrow().rack());
        assertEquals(TOPIC_ID, snapshot.topicIds().get("t"));
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, snapshot.topicErrors().get("gone"));
        assertEquals(2, snapshot.cluster().partitionsForTopic("t").size());
        assertEquals(2, snapshot.cluster().partition(new TopicPartition("t", 0)).replicas().length);
    }

    @Test
    void refreshesAgainAfterTheMaximumAge() throws Exception {
        server.take(WAIT).respond(response());
        Await.until(WAIT, "the first refresh", () -> metadata.snapshot().clusterId() != null);
        time.advance(MAX_AGE_MS - 1);
        network.tick();
        assertNull(server.poll(Duration.ofMillis(300)), "not due before metadata.max.age.ms");
        time.advance(1);
        network.tick();
        server.take(WAIT).respond(response());
    }

    @Test
    void staleMetadataErrorsRequestARefreshAndOthersDoNot() throws Exception {
        server.take(WAIT).respond(response());
        Await.until(WAIT, "the first refresh", () -> metadata.snapshot().clusterId() != null);
        time.advance(BACKOFF_MS);
        metadata.onError(ErrorCode.OFFSET_OUT_OF_RANGE);
        assertNull(server.poll(Duration.ofMillis(300)));
        metadata.onError(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        server.take(WAIT).respond(response());
    }

    @Test
    void trackedTopicsAreWhatARefreshAsksFor() throws Exception {
        server.take(WAIT).respond(response());
        time.advance(BACKOFF_MS);
        CompletableFuture<MetadataSnapshot> updated = metadata.addTopics(List.of("a", "b"));
        FakeKafkaServer.Received request = server.take(WAIT);
        assertEquals(List.of("a", "b"), ((MetadataRequest) request.body()).topics().stream()
            .map(MetadataRequest.MetadataRequestTopic::name).sorted().toList());
        request.respond(response());
        updated.get();
        time.advance(BACKOFF_MS);
        metadata.trackAllTopics(true);
        network.tick();
        FakeKafkaServer.Received all = server.take(WAIT);
        assertNull(((MetadataRequest) all.body()).topics(), "null topics: every topic");
        all.respond(response());
    }

    @Test
    void aFailedRefreshIsRetriedAfterTheBackoff() throws Exception {
        CompletableFuture<MetadataSnapshot> updated = metadata.requestUpdate();
        server.take(WAIT);
        server.dropConnections();
        assertNull(server.poll(Duration.ofMillis(300)), "no retry before retry.backoff.ms");
        assertFalse(updated.isDone(), "a retriable failure leaves the update pending");
        time.advance(1_000);
        network.tick();
        server.take(WAIT).respond(response());
        assertEquals("cluster-a", updated.get().clusterId());
    }

    @Test
    void leastLoadedNodeAvoidsBusyAndBackingOffNodes() throws Exception {
        try (FakeKafkaServer second = new FakeKafkaServer()) {
            MetadataResponse twoLive = response();
            twoLive.brokers().get(1).setPort(second.port());
            server.take(WAIT).respond(twoLive);
            Await.until(WAIT, "the first refresh", () -> metadata.snapshot().nodesById().size() == 2);
            Node one = metadata.snapshot().node(1).orElseThrow();
            network.send(one, MetadataRequests.forTopics(List.of(), false));
            server.take(WAIT);
            Await.until(WAIT, "a request in flight to node 1", () -> network.inFlightCount(1) == 1);
            for (int i = 0; i < 5; i++) {
                assertEquals(2, metadata.leastLoadedNode(time.milliseconds()).id());
            }
        }
    }

    @Test
    void bootstrapServersParseIntoNegativeIds() {
        List<Node> nodes = ClusterMetadata.bootstrapNodes(List.of("127.0.0.1:9092", "[::1]:9093"));
        assertEquals(List.of(-1, -2), nodes.stream().map(Node::id).toList());
        assertEquals("::1", nodes.get(1).host());
        assertThrows(ConfigException.class, () -> ClusterMetadata.bootstrapNodes(List.of("no-port")));
        assertTrue(ClusterMetadata.bootstrapNodes(List.of("localhost:1")).get(0).port() == 1);
    }
}
