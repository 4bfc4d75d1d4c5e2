package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.group.configs.GroupConfigManager;
import io.samsa.broker.group.configs.InMemoryGroupConfigStore;
import io.samsa.broker.Broker;
import io.samsa.broker.metadata.BrokerConfigPorts;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.testing.RequestBytes;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.broker.testing.TestClient;
import io.samsa.broker.topics.LogConfigTopicConfigPolicy;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.broker.topics.TopicStore;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiVersionsResponse;
import io.samsa.protocol.types.ByteBufferReadable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin handlers behind the real network layer on 127.0.0.1, driven by kafka-clients 4.1's
 * Admin: what a Java client sees end to end.
 */
class AdminBrokerTest {
    private static final String CLUSTER_ID = "e2e-cluster-id-000001";

    @TempDir
    Path dir;
    private Broker broker;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> overrides = Map.of("node.id", "1", "num.partitions", "2", "log.retention.hours", "2");
        BrokerConfigPorts ports = new BrokerConfigPorts(TestBrokers.config(overrides));
        TopicRegistry registry = new TopicRegistry(new TopicStore(dir), TopicRegistry.DEFAULT_MAX_PARTITIONS_PER_TOPIC);
        LogConfigTopicConfigPolicy policy = new LogConfigTopicConfigPolicy(ports.staticTopicDefaults());
        AtomicReference<Broker> self = new AtomicReference<>();
        Supplier<LocalBroker> local = () -> ports.localBroker(CLUSTER_ID, self.get().advertisedEndpoints().get(0));
        List<SynchronousHandler<?, ?>> handlers = List.of(
                new MetadataHandler(registry, local, ports.topicCreationDefaults()),
                new CreateTopicsHandler(registry, local, ports.topicCreationDefaults(), policy),
                new DeleteTopicsHandler(registry, ports.deleteTopicEnable()),
                new CreatePartitionsHandler(registry, local),
                new DescribeConfigsHandler(registry, local, policy, ports.brokerConfigView(),
                        new GroupConfigManager(BrokerConfig.defaults(), new InMemoryGroupConfigStore())),
                new DescribeClusterHandler(local));
        Broker.Builder builder = Broker.builder(TestBrokers.config(overrides));
        List<ApiKey> served = new java.util.ArrayList<>();
        for (SynchronousHandler<?, ?> handler : handlers) {
            builder.handler(new MessageApiHandler<>(handler));
            served.add(handler.api());
        }
        builder.handler(new ApiVersionsApiHandler(new ApiVersionsHandler(served)));
        broker = builder.build();
        self.set(broker);
        broker.start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + broker.boundPort());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(props);
    }

    @Test
    void theJavaAdminClientManagesTopics() throws Exception {
        try (Admin admin = admin()) {
            DescribeClusterResult cluster = admin.describeCluster();
            assertEquals(CLUSTER_ID, cluster.clusterId().get());
            assertEquals(1, cluster.controller().get().id());
            assertEquals(broker.boundPort(), cluster.nodes().get().iterator().next().port());

            admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic("defaulted", java.util.Optional.empty(), java.util.Optional.empty()))).all().get();
            assertEquals(java.util.Set.of("orders", "defaulted"), admin.listTopics().names().get());

            TopicDescription orders = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
            assertEquals(3, orders.partitions().size());
            assertEquals(1, orders.partitions().get(0).leader().id());
            assertFalse(orders.topicId().toString().isEmpty());
            assertEquals(2, admin.describeTopics(List.of("defaulted")).allTopicNames().get().get("defaulted").partitions().size());

            admin.createPartitions(Map.of("orders", NewPartitions.increaseTo(5))).all().get();
            assertEquals(5, admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders").partitions().size());

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "orders");
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertEquals("compact", config.get("cleanup.policy").value());
            assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, config.get("cleanup.policy").source());
            assertEquals("7200000", config.get("retention.ms").value()); // log.retention.hours=2
            assertEquals(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG, config.get("retention.ms").source());
            ConfigResource brokerResource = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Config brokerConfig = admin.describeConfigs(List.of(brokerResource)).all().get().get(brokerResource);
            assertEquals("2", brokerConfig.get("num.partitions").value());

            ExecutionException exists = assertThrows(ExecutionException.class,
                    () -> admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get());
            assertInstanceOf(TopicExistsException.class, exists.getCause());
            ExecutionException replication = assertThrows(ExecutionException.class,
                    () -> admin.createTopics(List.of(new NewTopic("rf3", 1, (short) 3))).all().get());
            assertInstanceOf(InvalidReplicationFactorException.class, replication.getCause());

            admin.deleteTopics(List.of("orders")).all().get();
            assertEquals(java.util.Set.of("defaulted"), admin.listTopics().names().get());
        }
    }

    @Test
    void apiVersionsAboveTheMaxGetsTheV0FallbackWithHeaderV0() throws Exception {
        try (TestClient client = TestClient.connect(broker.boundPort())) {
            // v9 does not exist; header v2 as for any flexible ApiVersions; the body is not even looked at.
            client.sendRaw(RequestBytes.frame(18, 9, 42, "future-client", 2, new byte[] {1, 2, 3}));
            TestClient.Response response = client.receive(0);
            assertEquals(42, response.correlationId());
            ApiVersionsResponse body = new ApiVersionsResponse(new ByteBufferReadable(ByteBuffer.wrap(response.body())), (short) 0);
            assertEquals(ErrorCode.UNSUPPORTED_VERSION.code(), body.errorCode());
            assertEquals(4, body.apiKeys().get(0).maxVersion());
            assertEquals(12, response.body().length);
        }
    }

    @Test
    void aMalformedAdminBodyClosesTheConnection() throws Exception {
        try (TestClient client = TestClient.connect(broker.boundPort())) {
            // CreateTopics v2 whose topic array claims 1000 entries but carries none.
            client.send(19, 2, 7, new byte[] {0, 0, 3, (byte) 0xe8});
            assertTrue(client.awaitClosedByBroker());
        }
    }

    @Test
    void adminDescribeOfAnUnknownTopicDoesNotCreateIt() throws Exception {
        try (Admin admin = admin()) {
            // Admin sends Metadata with allow_auto_topic_creation=false: nothing is created.
            ExecutionException missing = assertThrows(ExecutionException.class,
                    () -> admin.describeTopics(List.of("ghost")).allTopicNames().get());
            assertInstanceOf(org.apache.kafka.common.errors.UnknownTopicOrPartitionException.class, missing.getCause());
            assertTrue(admin.listTopics().names().get().isEmpty());
        }
    }
}
