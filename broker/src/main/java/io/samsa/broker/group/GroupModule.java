package io.samsa.broker.group;

import io.samsa.broker.lifecycle.BrokerModule;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.security.Authorizer;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.group.GroupConfigLookup;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.protocol.util.Time;
import io.samsa.storage.LogManager;
import java.util.List;
import java.util.function.Supplier;

/**
 * The consumer-group APIs: the group coordinator over {@code __consumer_offsets} and one handler
 * per API (FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit,
 * OffsetFetch, OffsetDelete, ListGroups, DescribeGroups, DeleteGroups, and KIP-848's
 * ConsumerGroupHeartbeat and ConsumerGroupDescribe).
 *
 * <p>Wiring: it needs the topic registry (to create the offsets topic, whose logs the registry's
 * storage listener opens) and the log manager, so it comes after the topics/storage module:
 * <pre>
 *  modules.add(new GroupModule(config, time, topics.registry(), topics.storage()::logs, topics::localBroker, authorizer, replicas));
 * </pre>
 *
 * <p>Thread-safe after start.
 */
public final class GroupModule implements BrokerModule {
    private final GroupCoordinatorComponent coordinator;
    private final CoordinatorLocator locator;
    private final Authorizer authorizer;
    private volatile CoordinatorKeyType transactions;

    /**
     * @param logs        the log manager, read once storage has started
     * @param localBroker this node as clients reach it, read per FindCoordinator request
     * @param authorizer  decides the authorized operations DescribeGroups reports
     * @param replicas    this broker's replica roles: the coordinator follows {@code __consumer_offsets} leadership
     */
    public GroupModule(BrokerConfig config, Time time, TopicRegistry registry, Supplier<LogManager> logs,
                       Supplier<LocalBroker> localBroker, Authorizer authorizer, ReplicaManager replicas) {
        this(config, time, registry, logs, localBroker, authorizer, replicas, null);
    }

    /**
     * @param quorum in cluster mode this node's metadata quorum (FindCoordinator answers from its
     *               image, and {@code __consumer_offsets} is created through the controller), else null
     */
    public GroupModule(BrokerConfig config, Time time, TopicRegistry registry, Supplier<LogManager> logs,
                       Supplier<LocalBroker> localBroker, Authorizer authorizer, ReplicaManager replicas,
                       Supplier<MetadataQuorum> quorum) {
        this(config, time, registry, logs, localBroker, authorizer, replicas, quorum, GroupConfigLookup.NONE);
    }

    /**
     * @param groupConfigs the groups' own configs (consumer.session.timeout.ms, consumer.heartbeat.interval.ms),
     *                     which consumer groups (KIP-848) honour
     */
    public GroupModule(BrokerConfig config, Time time, TopicRegistry registry, Supplier<LogManager> logs,
                       Supplier<LocalBroker> localBroker, Authorizer authorizer, ReplicaManager replicas,
                       Supplier<MetadataQuorum> quorum, GroupConfigLookup groupConfigs) {
        this.authorizer = authorizer;
        this.coordinator = new GroupCoordinatorComponent(config, time, new OffsetsTopic(registry, logs),
                new RegistryTopicLookup(registry), replicas, quorum, groupConfigs);
        this.locator = quorum == null ? CoordinatorLocator.local(coordinator::service, localBroker)
                : new ImageCoordinatorLocator(quorum, config.get(BrokerConfigKeys.OFFSETS_TOPIC_NUM_PARTITIONS),
                        config.get(BrokerConfigKeys.OFFSETS_TOPIC_REPLICATION_FACTOR).shortValue(),
                        config.get(BrokerConfigKeys.OFFSETS_TOPIC_SEGMENT_BYTES),
                        config.get(BrokerConfigKeys.CONTROLLER_QUORUM_REQUEST_TIMEOUT_MS));
    }

    /**
     * Lets FindCoordinator answer transactional ids (key type 1); call before {@link #handlers()}
     * is used. Without it they are answered COORDINATOR_NOT_AVAILABLE.
     */
    public void transactionCoordinators(CoordinatorKeyType keyType) {
        this.transactions = keyType;
    }

    /** @return the coordinator component (its service is usable once started) */
    public GroupCoordinatorComponent coordinator() {
        return coordinator;
    }

    @Override
    public List<BrokerComponent> components() {
        return List.of(coordinator);
    }

    @Override
    public List<ApiHandler> handlers() {
        Supplier<GroupCoordinatorService> service = coordinator::service;
        return List.of(
                new FindCoordinatorApi(service, locator, () -> transactions),
                new JoinGroupApi(service),
                new SyncGroupApi(service),
                new HeartbeatApi(service),
                new LeaveGroupApi(service),
                new OffsetCommitApi(service),
                new OffsetFetchApi(service),
                new OffsetDeleteApi(service),
                new ListGroupsApi(service),
                new DescribeGroupsApi(service, authorizer),
                new DeleteGroupsApi(service),
                new ConsumerGroupHeartbeatApi(service),
                new ConsumerGroupDescribeApi(service, authorizer),
                new TxnOffsetCommitApi(service));
    }
}
