package io.samsa.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.samsa.protocol.message.DescribeClusterRequest;
import io.samsa.protocol.message.DescribeClusterResponse;
import io.samsa.protocol.message.MetadataRequest;
import io.samsa.protocol.message.MetadataRequest.MetadataRequestTopic;
import io.samsa.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 3 with kafka-clients 4.1's Admin: with no authorizer, Metadata, DescribeCluster and
 * DescribeGroups report every operation of the resource type when asked (Kafka 4.1's
 * AclEntry.supportedOperations), and the "not requested" value when not.
 */
class AuthorizedOperationsTest extends AdminBrokerTestSupport {
    private static final Set<AclOperation> TOPIC_OPERATIONS = Set.of(AclOperation.READ, AclOperation.WRITE,
            AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DELETE, AclOperation.ALTER,
            AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS);
    private static final Set<AclOperation> CLUSTER_OPERATIONS = Set.of(AclOperation.CREATE, AclOperation.CLUSTER_ACTION,
            AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS, AclOperation.IDEMPOTENT_WRITE, AclOperation.ALTER,
            AclOperation.DESCRIBE);
    private static final Set<AclOperation> GROUP_OPERATIONS = Set.of(AclOperation.READ, AclOperation.DESCRIBE,
            AclOperation.DELETE, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS);

    @BeforeEach
    void createTopic() throws Exception {
        admin.createTopics(List.of(new NewTopic("ops", 1, (short) 1))).all().get();
    }

    @Test
    void clusterOperationsAreAllSevenWhenAskedAndAbsentOtherwise() throws Exception {
        assertEquals(CLUSTER_OPERATIONS, admin.describeCluster(new DescribeClusterOptions().includeAuthorizedOperations(true))
                .authorizedOperations().get());
        assertNull(admin.describeCluster().authorizedOperations().get());
    }

    @Test
    void topicOperationsAreAllEightWhenAskedAndAbsentOtherwise() throws Exception {
        TopicDescription asked = admin.describeTopics(List.of("ops"), new DescribeTopicsOptions().includeAuthorizedOperations(true))
                .allTopicNames().get().get("ops");
        assertEquals(TOPIC_OPERATIONS, asked.authorizedOperations());
        assertNull(admin.describeTopics(List.of("ops")).allTopicNames().get().get("ops").authorizedOperations());
    }

    @Test
    void groupOperationsAreKafkasFiveWhenAskedAndAbsentOtherwise() throws Exception {
        admin.alterConsumerGroupOffsets("described", Map.of(new TopicPartition("ops", 0), new OffsetAndMetadata(1))).all().get();
        ConsumerGroupDescription asked = admin.describeConsumerGroups(List.of("described"),
                new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true)).all().get().get("described");
        assertEquals(GROUP_OPERATIONS, asked.authorizedOperations());
        assertNull(admin.describeConsumerGroups(List.of("described")).all().get().get("described").authorizedOperations());
    }

    @Test
    void metadataV10CarriesClusterOperationsAndEveryTopicsOwn() throws Exception {
        try (GroupWireClient client = new GroupWireClient(broker.port())) {
            MetadataRequest request = new MetadataRequest()
                    .setTopics(new ArrayList<>(List.of(new MetadataRequestTopic().setName("ops"),
                            new MetadataRequestTopic().setName("absent"))))
                    .setAllowAutoTopicCreation(false)
                    .setIncludeClusterAuthorizedOperations(true)
                    .setIncludeTopicAuthorizedOperations(true);
            MetadataResponse asked = client.call(request, 10);
            assertEquals(bits(CLUSTER_OPERATIONS), asked.clusterAuthorizedOperations());
            assertEquals(bits(TOPIC_OPERATIONS), asked.topics().get(0).topicAuthorizedOperations());
            assertEquals(bits(TOPIC_OPERATIONS), asked.topics().get(1).topicAuthorizedOperations());

            MetadataResponse notAsked = client.call(request.setIncludeClusterAuthorizedOperations(false)
                    .setIncludeTopicAuthorizedOperations(false), 10);
            assertEquals(Integer.MIN_VALUE, notAsked.clusterAuthorizedOperations());
            assertEquals(Integer.MIN_VALUE, notAsked.topics().get(0).topicAuthorizedOperations());

            DescribeClusterResponse cluster = client.call(new DescribeClusterRequest()
                    .setIncludeClusterAuthorizedOperations(false), 1);
            assertEquals(Integer.MIN_VALUE, cluster.clusterAuthorizedOperations());
        }
    }

    private static int bits(Set<AclOperation> operations) {
        int bits = 0;
        for (AclOperation operation : operations) {
            bits |= 1 << operation.code();
        }
        return bits;
    }
}
