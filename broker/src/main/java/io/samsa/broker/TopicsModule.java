package io.samsa.broker;

import io.samsa.broker.admin.ClusterAdminHandlers;
import io.samsa.broker.admin.CreatePartitionsHandler;
import io.samsa.broker.admin.CreateTopicsHandler;
import io.samsa.broker.admin.DeleteTopicsHandler;
import io.samsa.broker.admin.DescribeClusterHandler;
import io.samsa.broker.admin.DescribeConfigsHandler;
import io.samsa.broker.admin.IncrementalAlterConfigsHandler;
import io.samsa.broker.admin.MessageApiHandler;
import io.samsa.broker.admin.MetadataHandler;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.group.configs.FileGroupConfigStore;
import io.samsa.broker.group.configs.GroupConfigManager;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.lifecycle.BrokerModule;
import io.samsa.broker.metadata.BrokerConfigPorts;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.replication.PartitionRole;
import io.samsa.broker.security.Authorizer;
import io.samsa.broker.storage.MetaProperties;
import io.samsa.broker.storage.StorageComponent;
import io.samsa.broker.topics.LogConfigTopicConfigPolicy;
import io.samsa.broker.topics.PartitionLogsListener;
import io.samsa.broker.topics.TopicLogConfigs;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.broker.topics.TopicStore;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.protocol.util.Time;
import io.samsa.storage.BrokerLogDefaults;
import io.samsa.storage.TopicPartition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Topics and storage: the topic registry (in the first log dir), the partition logs kept in step
 * with it, and the topic-administration APIs (Metadata, CreateTopics, DeleteTopics,
 * CreatePartitions, DescribeConfigs, DescribeCluster).
 *
 * <p>Start order: storage (logs recovered), then the registry-to-storage link (reconcile crash
 * leftovers, then follow every change), so no request sees a topic without logs.
 *
 * <p>Thread-safe after start, as the registry and the log manager are.
 */
public final class TopicsModule implements BrokerModule {
    private final BrokerConfig config;
    private final BrokerConfigPorts ports;
    private final TopicRegistry registry;
    private final StorageComponent storage;
    private final Supplier<Broker> broker;
    private final Authorizer authorizer;
    private final GroupConfigManager groupConfigs;
    private volatile String clusterId;
    private volatile Function<TopicPartition, Optional<PartitionRole>> roles = partition -> Optional.empty();
    private volatile Supplier<MetadataQuorum> clusterQuorum;
    private volatile boolean logsFollowRegistry = true;

    /**
     * @param broker     the broker being built, for its bound endpoints once started
     * @param authorizer decides the authorized operations Metadata and DescribeCluster report
     */
    public TopicsModule(BrokerConfig config, Time time, Supplier<Broker> broker, Authorizer authorizer) {
        this.config = config;
        this.broker = broker;
        this.authorizer = authorizer;
        this.ports = new BrokerConfigPorts(config);
        Path dataDir = config.logDirs().get(0);
        this.registry = new TopicRegistry(new TopicStore(dataDir), TopicRegistry.DEFAULT_MAX_PARTITIONS_PER_TOPIC,
                config.get(BrokerConfigKeys.MAX_BROKER_PARTITIONS));
        this.groupConfigs = new GroupConfigManager(config, new FileGroupConfigStore(dataDir));
        this.storage = new StorageComponent(config,
                new TopicLogConfigs(registry, BrokerLogDefaults.fromBrokerConfig(ports.staticTopicDefaults())), time);
    }

    /** @return the topic registry */
    public TopicRegistry registry() {
        return registry;
    }

    /** @return the per-group configs (DescribeConfigs/IncrementalAlterConfigs on GROUP resources), for the coordinator */
    public GroupConfigManager groupConfigs() {
        return groupConfigs;
    }

    /** @return the storage component (its log manager is usable once started) */
    public StorageComponent storage() {
        return storage;
    }

    /** @return this node as clients see it; valid once the broker is started */
    public LocalBroker localBroker() {
        return ports.localBroker(clusterId, broker.get().advertisedEndpoints().get(0));
    }

    @Override
    public List<BrokerComponent> components() {
        return List.of(storage, new BrokerComponent() {
            @Override
            public String name() {
                return "topic-logs";
            }

            @Override
            public void start() {
                clusterId = MetaProperties.loadOrCreateClusterId(storage.firstLogDir(), config.nodeId());
                PartitionLogsListener listener = new PartitionLogsListener(storage.logs(),
                        partition -> logsFollowRegistry);
                listener.reconcile(registry);
                registry.addListener(listener);
            }

            @Override
            public void close() {
            }
        });
    }

    /** Cluster mode: the replica roles open the logs of the partitions placed here, not the registry; before start. */
    void logsOpenedByReplicaRoles() {
        this.logsFollowRegistry = false;
    }

    /** Where Metadata finds the role of a replicated partition; set before {@link #handlers()}. */
    void partitionRoles(Function<TopicPartition, Optional<PartitionRole>> lookup) {
        this.roles = lookup;
    }

    /**
     * Cluster mode: Metadata, DescribeCluster and the topic administration answer from the
     * metadata quorum ({@link ClusterAdminHandlers}); set before {@link #handlers()}.
     */
    void clusterMode(Supplier<MetadataQuorum> quorum) {
        this.clusterQuorum = quorum;
    }

    @Override
    public List<ApiHandler> handlers() {
        Supplier<LocalBroker> local = this::localBroker;
        LogConfigTopicConfigPolicy policy = new LogConfigTopicConfigPolicy(ports.staticTopicDefaults());
        if (clusterQuorum != null) {
            List<ApiHandler> handlers = new ArrayList<>(ClusterAdminHandlers.handlers(config, clusterQuorum, authorizer,
                    ports.topicCreationDefaults(), policy, ports.deleteTopicEnable(),
                    new IncrementalAlterConfigsHandler(registry, local, groupConfigs, policy)));
            handlers.add(new MessageApiHandler<>(new DescribeConfigsHandler(registry, local, policy,
                    ports.brokerConfigView(), groupConfigs)));
            return handlers;
        }
        return List.of(
                new MessageApiHandler<>(new MetadataHandler(registry, local, ports.topicCreationDefaults(), authorizer, roles)),
                new MessageApiHandler<>(new CreateTopicsHandler(registry, local, ports.topicCreationDefaults(), policy)),
                new MessageApiHandler<>(new DeleteTopicsHandler(registry, ports.deleteTopicEnable())),
                new MessageApiHandler<>(new CreatePartitionsHandler(registry, local)),
                new MessageApiHandler<>(new DescribeConfigsHandler(registry, local, policy, ports.brokerConfigView(), groupConfigs)),
                new MessageApiHandler<>(new IncrementalAlterConfigsHandler(registry, local, groupConfigs, policy)),
                new MessageApiHandler<>(new DescribeClusterHandler(local, authorizer)));
    }
}
