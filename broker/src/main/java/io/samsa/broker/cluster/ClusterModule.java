package io.samsa.broker.cluster;

import io.samsa.broker.lifecycle.BrokerModule;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.config.Endpoint;
import io.samsa.broker.group.configs.GroupConfigManager;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicationEnvironment;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.protocol.util.Time;
import io.samsa.storage.LogManager;
import java.util.List;
import java.util.function.Supplier;

/**
 * Cluster mode (only with {@code controller.quorum.voters}): the node's quorum voter and its
 * broker registration and heartbeats, and what replication needs from the cluster (AlterPartition
 * through the quorum, the other brokers' addresses from the image). Started first and closed last,
 * so the broker's other parts may use the metadata image, and the controlled shutdown runs after
 * the listeners are closed. {@link #imageModule} is the data side the image drives (topic mirror,
 * replica roles, log placement), started after storage and the replica manager.
 */
public final class ClusterModule implements BrokerModule {
    private final int nodeId;
    private final ClusterMembership membership;
    private final ControllerAlterPartitionSender alterPartition;
    private final ReplicationEnvironment replication;

    public ClusterModule(BrokerConfig config, Time time, Supplier<List<Endpoint>> advertised) {
        this.nodeId = config.nodeId();
        this.membership = new ClusterMembership(config, time, advertised);
        this.alterPartition = new ControllerAlterPartitionSender(config.nodeId(), membership::quorum,
                membership::brokerEpoch, config.get(BrokerConfigKeys.CONTROLLER_QUORUM_REQUEST_TIMEOUT_MS),
                config.get(BrokerConfigKeys.CONTROLLER_QUORUM_RETRY_BACKOFF_MS));
        this.replication = new ReplicationEnvironment(alterPartition, new ImageReplicaEndpoints(
                () -> membership.quorum().currentImage(), config.cluster().orElseThrow().interBrokerListener()));
    }

    public ClusterMembership membership() {
        return membership;
    }

    /** @return the controller and peers replication talks to in this cluster */
    public ReplicationEnvironment replication() {
        return replication;
    }

    /**
     * @param registry the topic registry the image is mirrored into
     * @param groupConfigs the group configs the image's group config records are mirrored into
     * @param logs     the log manager (usable once storage started)
     * @param replicas where the image's partition roles are applied; only unfenced brokers may join its ISRs
     * @return the module whose component applies each image to the data side
     */
    public BrokerModule imageModule(TopicRegistry registry, GroupConfigManager groupConfigs, Supplier<LogManager> logs,
                                    ReplicaManager replicas) {
        replicas.requireRoles();
        replicas.isrEligibility(replica -> membership.quorum().currentImage().isActive(replica));
        MetadataImageApplier applier = new MetadataImageApplier(nodeId, membership::quorum,
                membership::incarnationId, new TopicMirror(registry), new GroupConfigMirror(groupConfigs),
                new ReplicaManagerRoles(replicas, logs), logs);
        return new BrokerModule() {
            @Override
            public List<BrokerComponent> components() {
                return List.of(applier);
            }

            @Override
            public List<ApiHandler> handlers() {
                return List.of();
            }
        };
    }

    @Override
    public List<BrokerComponent> components() {
        return List.of(membership, alterPartition);
    }

    @Override
    public List<ApiHandler> handlers() {
        return List.of();
    }
}
