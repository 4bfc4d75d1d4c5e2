package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.admin.view.ImageClusterView;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.metadata.TopicCreationDefaults;
import io.samsa.broker.security.Authorizer;
import io.samsa.metadata.image.BrokerRegistration;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.message.DescribeClusterRequest;
import io.samsa.protocol.message.DescribeClusterResponse;
import io.samsa.protocol.message.MetadataRequest;
import io.samsa.protocol.message.MetadataRequest.MetadataRequestTopic;
import io.samsa.protocol.message.MetadataResponse;
import io.samsa.protocol.message.MetadataResponse.MetadataResponsePartition;
import io.samsa.protocol.message.MetadataResponse.MetadataResponseTopic;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Metadata and DescribeCluster from a metadata image (cluster mode), without a quorum: brokers on
 * the request's listener, fenced ones left out (or flagged in DescribeCluster v2), the Raft
 * leader as controller, offline replicas, LEADER_NOT_AVAILABLE for a leaderless partition or one
 * led by a fenced broker, and auto-creation answered LEADER_NOT_AVAILABLE while the controller
 * creates the topic.
 */
class ClusterMetadataHandlerTest {
    private static final Uuid ORDERS = new Uuid(1, 1);
    private final List<String> created = new ArrayList<>();

    private static BrokerRegistration broker(int id, boolean fenced) {
        return new BrokerRegistration(id, new Uuid(9, id), id, List.of(
                new Endpoint("PLAINTEXT", "plain-" + id, 9000 + id, "PLAINTEXT"),
                new Endpoint("INTERNAL", "internal-" + id, 9100 + id, "PLAINTEXT")), Optional.of("rack-" + id), fenced, 0);
    }

    private static PartitionRegistration partition(int[] replicas, int[] isr, int leader) {
        return new PartitionRegistration(replicas, isr, new int[0], new int[0], leader, 4, 7);
    }

    private static MetadataImage image() {
        TopicImage orders = new TopicImage("orders", ORDERS, Map.of(
                0, partition(new int[] {1, 2, 3}, new int[] {1, 2}, 1),
                1, partition(new int[] {3, 1}, new int[] {3}, 3),
                2, partition(new int[] {2}, new int[0], PartitionRegistration.NO_LEADER)));
        return new MetadataImage(10, 3, Optional.of("the-cluster"), Map.of(1, broker(1, false), 2, broker(2, false),
                3, broker(3, true)), Map.of(ORDERS, orders), Map.of("orders", ORDERS), Map.of(), 0, Map.of(), 3);
    }

    private MetadataHandler handler() {
        return new MetadataHandler(new ImageClusterView(ClusterMetadataHandlerTest::image, () -> 2, () -> "unused"),
                new TopicCreationDefaults(1, (short) 3, true), Authorizer.ALLOW_ALL, name -> {
                    created.add(name);
                    return ErrorCode.LEADER_NOT_AVAILABLE;
                });
    }

    private static RequestContext on(String listener, ApiKey api, short version) {
        return new RequestContext(new RequestHeader(api.id(), version, 0, null), null, listener, 0L);
    }

    @Test
    void partitionsShowLeaderEpochReplicasIsrAndOfflineReplicas() {
        MetadataResponse response = handler().handle(on("PLAINTEXT", ApiKey.METADATA, (short) 12),
                new MetadataRequest().setTopics(null));
        assertEquals("the-cluster", response.clusterId());
        assertEquals(2, response.controllerId());
        assertEquals(List.of(1, 2), response.brokers().stream().map(b -> b.nodeId()).toList(), "fenced 3 left out");
        assertEquals("plain-1", response.brokers().get(0).host());
        assertEquals(9001, response.brokers().get(0).port());
        assertEquals("rack-1", response.brokers().get(0).rack());
        MetadataResponseTopic orders = response.topics().get(0);
        assertEquals(ORDERS, orders.topicId());
        List<MetadataResponsePartition> partitions = orders.partitions();
        assertEquals(ErrorCode.NONE.code(), partitions.get(0).errorCode());
        assertEquals(1, partitions.get(0).leaderId());
        assertEquals(4, partitions.get(0).leaderEpoch());
        assertEquals(List.of(1, 2, 3), partitions.get(0).replicaNodes());
        assertEquals(List.of(1, 2), partitions.get(0).isrNodes());
        assertEquals(List.of(3), partitions.get(0).offlineReplicas());
        assertEquals(ErrorCode.LEADER_NOT_AVAILABLE.code(), partitions.get(1).errorCode(), "led by fenced broker 3");
        assertEquals(-1, partitions.get(1).leaderId());
        assertEquals(ErrorCode.LEADER_NOT_AVAILABLE.code(), partitions.get(2).errorCode(), "no leader");
        assertEquals(-1, partitions.get(2).leaderId());
    }

    @Test
    void everyServedVersionParsesInKafkaWithTheClusterAnswer() {
        for (short version = ApiKey.METADATA.acceptedMin(); version <= ApiKey.METADATA.advertisedMax(); version++) {
            MetadataResponse response = handler().handle(on("PLAINTEXT", ApiKey.METADATA, version),
                    new MetadataRequest().setTopics(version == 0 ? new ArrayList<>() : null));
            org.apache.kafka.common.requests.MetadataResponse parsed = KafkaWire.toKafka(response, version);
            assertEquals(List.of(1, 2), parsed.brokers().stream().map(b -> b.id()).sorted().toList(), "v" + version);
            var orders = parsed.topicMetadata().iterator().next();
            assertEquals("orders", orders.topic(), "v" + version);
            assertEquals(3, orders.partitionMetadata().size(), "v" + version);
            if (version >= 1) {
                assertEquals(2, parsed.controller().id(), "v" + version);
            }
            if (version >= 5) {
                assertEquals(List.of(3), orders.partitionMetadata().get(0).offlineReplicaIds, "v" + version);
            }
        }
    }

    @Test
    void brokersAreListedOnTheRequestsListenerFallingBackToTheFirstEndpoint() {
        MetadataResponse internal = handler().handle(on("INTERNAL", ApiKey.METADATA, (short) 12),
                new MetadataRequest().setTopics(new ArrayList<>()));
        assertEquals(List.of("internal-1", "internal-2"), internal.brokers().stream().map(b -> b.host()).toList());
        assertEquals(9102, internal.brokers().get(1).port());
        MetadataResponse other = handler().handle(on("EXTERNAL", ApiKey.METADATA, (short) 12),
                new MetadataRequest().setTopics(new ArrayList<>()));
        assertEquals(List.of("plain-1", "plain-2"), other.brokers().stream().map(b -> b.host()).toList());
        assertTrue(other.topics().isEmpty());
    }

    @Test
    void anUnknownTopicIsCreatedThroughTheControllerAndAnsweredLeaderNotAvailable() {
        MetadataResponse response = handler().handle(on("PLAINTEXT", ApiKey.METADATA, (short) 12),
                new MetadataRequest().setAllowAutoTopicCreation(true).setTopics(new ArrayList<>(List.of(
                        new MetadataRequestTopic().setName("fresh"), new MetadataRequestTopic().setName("orders")))));
        assertEquals(ErrorCode.LEADER_NOT_AVAILABLE.code(), response.topics().get(0).errorCode());
        assertTrue(response.topics().get(0).partitions().isEmpty());
        assertEquals(ErrorCode.NONE.code(), response.topics().get(1).errorCode());
        assertEquals(List.of("fresh"), created);
        MetadataResponse notAllowed = handler().handle(on("PLAINTEXT", ApiKey.METADATA, (short) 12),
                new MetadataRequest().setAllowAutoTopicCreation(false).setTopics(new ArrayList<>(List.of(
                        new MetadataRequestTopic().setName("other")))));
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), notAllowed.topics().get(0).errorCode());
        assertEquals(List.of("fresh"), created);
    }

    @Test
    void describeClusterListsUnfencedBrokersAndTheFencedOnesWhenAsked() {
        DescribeClusterHandler handler = new DescribeClusterHandler(
                new ImageClusterView(ClusterMetadataHandlerTest::image, () -> 2, () -> "unused"), Authorizer.ALLOW_ALL);
        DescribeClusterResponse unfenced = handler.handle(on("PLAINTEXT", ApiKey.DESCRIBE_CLUSTER, (short) 2),
                new DescribeClusterRequest());
        assertEquals(2, unfenced.controllerId());
        assertEquals("the-cluster", unfenced.clusterId());
        assertEquals(List.of(1, 2), unfenced.brokers().stream().map(b -> b.brokerId()).toList());
        DescribeClusterResponse all = handler.handle(on("PLAINTEXT", ApiKey.DESCRIBE_CLUSTER, (short) 2),
                new DescribeClusterRequest().setIncludeFencedBrokers(true));
        assertEquals(List.of(1, 2, 3), all.brokers().stream().map(b -> b.brokerId()).toList());
        assertTrue(all.brokers().get(2).isFenced());
        assertFalse(all.brokers().get(0).isFenced());
    }
}
