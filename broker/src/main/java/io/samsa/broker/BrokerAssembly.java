package io.samsa.broker;

import io.samsa.broker.admin.ApiVersionsApiHandler;
import io.samsa.broker.admin.ApiVersionsHandler;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.data.DataModule;
import io.samsa.broker.data.partitions.PartitionLookup;
import io.samsa.broker.data.produce.ProducerIdAllocator;
import io.samsa.broker.data.produce.ProducerIdSource;
import io.samsa.broker.data.produce.QuorumProducerIdAllocator;
import io.samsa.broker.group.GroupModule;
import io.samsa.broker.group.OffsetsTopic;
import io.samsa.broker.lifecycle.BrokerModule;
import io.samsa.broker.metrics.MetricsComponent;
import io.samsa.broker.metrics.MetricsModule;
import io.samsa.broker.metrics.ReplicaManagerGauges;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.broker.replication.ReplicationConfig;
import io.samsa.broker.replication.ReplicationEnvironment;
import io.samsa.broker.replication.fetcher.ReplicaFetcherManager;
import io.samsa.broker.security.Authorizer;
import io.samsa.broker.topics.Topic;
import io.samsa.broker.transaction.TransactionModule;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.util.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds a complete broker from its configuration: every {@link BrokerModule}, wired together,
 * plus ApiVersions listing exactly the APIs the modules serve.
 * {@link SamsaBroker#main} and in-process tests both come through here, so a test broker is the
 * real broker.
 */
public final class BrokerAssembly {
    private BrokerAssembly() {
    }

    /** @return a broker ready to {@link Broker#start()} */
    public static Broker build(BrokerConfig config, Time time) {
        return build(config, time, ReplicationEnvironment.singleNode());
    }

    /**
     * @param replication the controller and peers replication talks to; receives the replica manager
     * @return a broker ready to {@link Broker#start()}
     */
    public static Broker build(BrokerConfig config, Time time, ReplicationEnvironment replication) {
        AtomicReference<Broker> self = new AtomicReference<>();
        Broker.Builder builder = Broker.builder(config).time(time);
        List<ApiKey> served = new ArrayList<>();
        MetricsModule metrics = new MetricsModule(new MetricsComponent(config), time);
        for (BrokerModule module : modules(config, time, self::get, replication, metrics)) {
            module.components().forEach(builder::component);
            for (ApiHandler handler : module.handlers()) {
                builder.handler(metrics.metered(handler));
                served.add(ApiKey.forId(handler.spec().apiKey()));
            }
        }
        builder.handler(metrics.metered(new ApiVersionsApiHandler(new ApiVersionsHandler(served))));
        Broker broker = builder.build();
        self.set(broker);
        return broker;
    }

    /** The modules in start order: a module's dependencies come before it. */
    static List<BrokerModule> modules(BrokerConfig config, Time time, java.util.function.Supplier<Broker> self) {
        return modules(config, time, self, ReplicationEnvironment.singleNode());
    }

    static List<BrokerModule> modules(BrokerConfig config, Time time, java.util.function.Supplier<Broker> self,
                                      ReplicationEnvironment replication) {
        return modules(config, time, self, replication, new MetricsModule(new MetricsComponent(config), time));
    }

    static List<BrokerModule> modules(BrokerConfig config, Time time, java.util.function.Supplier<Broker> self,
                                      ReplicationEnvironment replication, MetricsModule metrics) {
        List<BrokerModule> modules = new ArrayList<>();
        io.samsa.broker.cluster.ClusterModule cluster = null;
        if (config.cluster().isPresent()) {
            cluster = new io.samsa.broker.cluster.ClusterModule(config, time, () -> self.get().advertisedEndpoints());
            modules.add(cluster);
        }
        // cluster mode: replication talks to the cluster's controller and brokers
        ReplicationEnvironment environment = cluster == null ? replication : cluster.replication();
        // No authorizer.class.name yet: everything is allowed, as on a Kafka broker without one (issue 15).
        Authorizer authorizer = Authorizer.ALLOW_ALL;
        TopicsModule topics = new TopicsModule(config, time, self, authorizer);
        if (cluster != null) {
            topics.logsOpenedByReplicaRoles();
            topics.clusterMode(cluster.membership()::quorum);
        }
        modules.add(topics);
        ReplicationConfig replicationConfig = ReplicationConfig.from(config);
        ReplicaManager replicas = new ReplicaManager(replicationConfig, time, topics.storage()::logs, environment.alterPartition());
        ReplicaFetcherManager fetchers = new ReplicaFetcherManager(replicationConfig, time, environment.endpoints(), replicas);
        replicas.followerSync(fetchers);
        environment.replicaManager(replicas);
        replication.replicaManager(replicas);
        topics.partitionRoles(partition -> replicas.partition(partition).map(ReplicatedPartition::role));
        ProducerIdSource producerIds = cluster == null ? new ProducerIdAllocator(topics.storage().firstLogDir())
                : new QuorumProducerIdAllocator(new ControllerProducerIdBlocks(cluster.membership(), config.nodeId(),
                        config.get(BrokerConfigKeys.CONTROLLER_QUORUM_REQUEST_TIMEOUT_MS)), time,
                        config.get(BrokerConfigKeys.CONTROLLER_QUORUM_RETRY_BACKOFF_MS));
        PartitionLookup partitions = new PartitionLookup(topics.storage()::logs, (topic, partition) ->
                topics.registry().topic(topic).map(t -> partition < t.partitionCount()).orElse(false));
        DataModule data = new DataModule(config, time, partitions, producerIds, replicas, fetchers);
        data.traffic(metrics.topicMetrics());
        ReplicaManagerGauges.register(metrics.component().registry(), topics.storage()::logs, replicas);
        modules.add(data);
        java.util.function.Supplier<io.samsa.metadata.quorum.MetadataQuorum> quorum = cluster == null ? null : cluster.membership()::quorum;
        GroupModule groups = new GroupModule(config, time, topics.registry(), topics.storage()::logs, topics::localBroker, authorizer,
                replicas, quorum, topics.groupConfigs());
        modules.add(groups);
        TransactionModule transactions = new TransactionModule(config, time, topics.registry(), topics.storage()::logs,
                topics::localBroker, replicas, quorum, data, (topic, partition) ->
                topics.registry().topic(topic).map(t -> partition < t.partitionCount()).orElse(false),
                () -> topics.registry().topic(OffsetsTopic.NAME).map(Topic::partitionCount)
                        .orElse(config.get(BrokerConfigKeys.OFFSETS_TOPIC_NUM_PARTITIONS)), environment.endpoints());
        data.transactions(transactions.initProducerId());
        data.markerWriter().offsetsMarkers((partition, producerId, commit) ->
                groups.coordinator().service().completeTransaction(partition, producerId, commit));
        groups.transactionCoordinators(transactions.keyType());
        modules.add(transactions);
        modules.add(new OperationsModule(config, topics.storage()));
        if (cluster != null) {
            // last, once storage, the replica manager and its listeners run: the image drives topics, logs and roles
            modules.add(cluster.imageModule(topics.registry(), topics.groupConfigs(), topics.storage()::logs, replicas));
        }
        modules.add(metrics); // last: its gauges read the started storage
        return modules;
    }
}
