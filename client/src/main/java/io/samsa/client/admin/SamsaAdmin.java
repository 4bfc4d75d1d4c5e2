package io.samsa.client.admin;

import io.samsa.client.admin.internals.AdminContext;
import io.samsa.client.admin.internals.ConfigAdmin;
import io.samsa.client.admin.internals.GroupAdmin;
import io.samsa.client.admin.internals.GroupOffsetsAdmin;
import io.samsa.client.admin.internals.OffsetAdmin;
import io.samsa.client.admin.internals.TopicAdmin;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.config.CommonClientConfigs;
import io.samsa.client.consumer.OffsetAndMetadata;
import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.client.internals.metadata.CoordinatorLookup;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.client.internals.network.NetworkConfig;
import io.samsa.protocol.util.Time;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/**
 * Samsa's admin client, shaped like Kafka's {@code Admin}: topics, cluster, configs, offsets and
 * consumer groups, against any Kafka-protocol broker (Kafka itself or Samsa).
 *
 * <pre>{@code
 * try (SamsaAdmin admin = SamsaAdmin.create(Map.of("bootstrap.servers", "127.0.0.1:9092"))) {
 *     admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1))).all().get();
 * }
 * }</pre>
 *
 * <p>Every operation returns at once with futures. Retriable errors (leader moved, coordinator
 * loading or moved, lost connection, ...) are retried with backoff until default.api.timeout.ms; then
 * the future fails with a {@code TimeoutException} carrying the last error. Other errors fail the key
 * they concern with the Kafka-named exception for the broker's error code. Futures complete on the
 * client's network thread: chain non-blocking work only, or hop to an executor.
 *
 * <p>Thread-safe.
 */
public final class SamsaAdmin implements AutoCloseable {
    private final NetworkClient network;
    private final TopicAdmin topics;
    private final ConfigAdmin configs;
    private final OffsetAdmin offsets;
    private final GroupAdmin groups;
    private final GroupOffsetsAdmin groupOffsets;

    private SamsaAdmin(AdminClientConfig config, Time time) {
        NetworkConfig networkConfig = NetworkConfig.from(config);
        this.network = new NetworkClient(networkConfig, time);
        try {
            ClusterMetadata metadata = new ClusterMetadata(network,
                ClusterMetadata.bootstrapNodes(config.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)),
                config.getLong(CommonClientConfigs.METADATA_MAX_AGE_CONFIG),
                config.getLong(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG), false);
            AdminContext context = new AdminContext(network, metadata, new CoordinatorLookup(network, metadata),
                config.getInt(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG), networkConfig.requestTimeoutMs(),
                config.getLong(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG),
                config.getLong(CommonClientConfigs.RETRY_BACKOFF_MAX_MS_CONFIG));
            this.topics = new TopicAdmin(context);
            this.configs = new ConfigAdmin(context);
            this.offsets = new OffsetAdmin(context);
            this.groups = new GroupAdmin(context);
            this.groupOffsets = new GroupOffsetsAdmin(context, offsets);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** @throws io.samsa.client.errors.ConfigException for a bad or missing setting */
    public static SamsaAdmin create(Properties props) {
        return new SamsaAdmin(new AdminClientConfig(props), Time.SYSTEM);
    }

    public static SamsaAdmin create(Map<String, ?> props) {
        return new SamsaAdmin(new AdminClientConfig(props), Time.SYSTEM);
    }

    /** For tests that drive time by hand. */
    public static SamsaAdmin create(Map<String, ?> props, Time time) {
        return new SamsaAdmin(new AdminClientConfig(props), time);
    }

    // ---- topics and cluster

    public AdminResult<String, Void> createTopics(Collection<NewTopic> newTopics) {
        return createTopics(newTopics, false);
    }

    /** @param validateOnly ask the broker to check the request without creating anything */
    public AdminResult<String, Void> createTopics(Collection<NewTopic> newTopics, boolean validateOnly) {
        return new AdminResult<>(topics.createTopics(newTopics, validateOnly));
    }

    public AdminResult<String, Void> deleteTopics(Collection<String> names) {
        return new AdminResult<>(topics.deleteTopics(names));
    }

    /** Non-internal topics by name. */
    public CompletableFuture<Map<String, TopicListing>> listTopics() {
        return topics.listTopics(false);
    }

    public CompletableFuture<Map<String, TopicListing>> listTopics(boolean includeInternal) {
        return topics.listTopics(includeInternal);
    }

    public AdminResult<String, TopicDescription> describeTopics(Collection<String> names) {
        return new AdminResult<>(topics.describeTopics(names));
    }

    /** @param totalCounts topic to the total partition count it should have (only growth is possible) */
    public AdminResult<String, Void> createPartitions(Map<String, Integer> totalCounts) {
        return new AdminResult<>(topics.createPartitions(totalCounts, false));
    }

    public CompletableFuture<ClusterDescription> describeCluster() {
        return topics.describeCluster();
    }

    /** Topic configs by topic, each a map from config name to entry. */
    public AdminResult<String, Map<String, ConfigEntry>> describeTopicConfigs(Collection<String> topicNames) {
        return new AdminResult<>(configs.describeTopicConfigs(List.copyOf(topicNames)));
    }

    // ---- partition offsets

    public AdminResult<TopicPartition, ListOffsetsResultInfo> listOffsets(Map<TopicPartition, OffsetSpec> specs) {
        return new AdminResult<>(offsets.listOffsets(specs));
    }

    /**
     * Deletes records below the given offsets.
     *
     * @return each partition's new low watermark
     */
    public AdminResult<TopicPartition, Long> deleteRecords(Map<TopicPartition, Long> beforeOffsets) {
        return new AdminResult<>(offsets.deleteRecords(beforeOffsets));
    }

    // ---- consumer groups

    public CompletableFuture<Collection<ConsumerGroupListing>> listConsumerGroups() {
        return groups.listConsumerGroups();
    }

    public AdminResult<String, ConsumerGroupDescription> describeConsumerGroups(Collection<String> groupIds) {
        return new AdminResult<>(groups.describeConsumerGroups(groupIds));
    }

    public AdminResult<String, Void> deleteConsumerGroups(Collection<String> groupIds) {
        return new AdminResult<>(groups.deleteConsumerGroups(groupIds));
    }

    public CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> listConsumerGroupOffsets(String groupId) {
        return groupOffsets.listConsumerGroupOffsets(groupId);
    }

    /** Overwrites a group's committed offsets; fails with UnknownMemberIdException while the group has members. */
    public AdminResult<TopicPartition, Void> alterConsumerGroupOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> newOffsets) {
        return new AdminResult<>(groupOffsets.alterConsumerGroupOffsets(groupId, newOffsets));
    }

    /** Committed offset and log end offset of every partition the group has committed. */
    public CompletableFuture<Map<TopicPartition, PartitionLag>> consumerLag(String groupId) {
        return groupOffsets.lag(groupId);
    }

    /** Fails what is pending with a NetworkException and closes every connection. */
    @Override
    public void close() {
        network.close();
    }
}
