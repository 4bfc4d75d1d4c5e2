package io.samsa.broker.admin;

import io.samsa.broker.admin.view.ClusterMetadataView;
import io.samsa.broker.admin.view.ImageClusterView;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.config.ClusterModeConfig;
import io.samsa.broker.metadata.TopicConfigPolicy;
import io.samsa.broker.metadata.TopicCreationDefaults;
import io.samsa.broker.security.Authorizer;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.metadata.quorum.QuorumStatusRpc;
import io.samsa.metadata.quorum.VoterAddress;
import io.samsa.protocol.ApiKey;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The topic-administration APIs of cluster mode: Metadata and DescribeCluster from the metadata
 * image, CreateTopics, CreatePartitions, DeleteTopics and topic configs through the active controller, and the
 * APIs only a cluster serves ({@link #CLUSTER_ONLY}). Stateless factory.
 */
public final class ClusterAdminHandlers {
    /** The APIs served (and listed in ApiVersions) only in cluster mode. */
    public static final Set<ApiKey> CLUSTER_ONLY = EnumSet.of(ApiKey.DESCRIBE_QUORUM, ApiKey.ELECT_LEADERS,
            ApiKey.ALTER_PARTITION_REASSIGNMENTS, ApiKey.LIST_PARTITION_REASSIGNMENTS);

    private ClusterAdminHandlers() {
    }

    /**
     * @param quorum this node's metadata quorum, running before the broker serves requests
     * @param alterConfigs the single-node IncrementalAlterConfigs, whose checks the cluster's applies
     * @return the handlers, replacing the single-node Metadata, DescribeCluster, CreateTopics,
     *         CreatePartitions, DeleteTopics and IncrementalAlterConfigs
     */
    public static List<ApiHandler> handlers(BrokerConfig config, Supplier<MetadataQuorum> quorum, Authorizer authorizer,
                                            TopicCreationDefaults defaults, TopicConfigPolicy policy,
                                            boolean deleteTopicEnable, IncrementalAlterConfigsHandler alterConfigs) {
        ClusterModeConfig cluster = config.cluster().orElseThrow();
        long quorumTimeoutMs = config.get(BrokerConfigKeys.CONTROLLER_QUORUM_REQUEST_TIMEOUT_MS);
        ControllerChannel controller = new ControllerChannel(quorum, quorumTimeoutMs);
        ClusterMetadataView view = new ImageClusterView(() -> quorum.get().currentImage(), () -> quorum.get().leaderId(),
                () -> quorum.get().clusterId());
        List<VoterAddress> voters = cluster.voters().stream().map(VoterAddress::parse).toList();
        return List.of(
                new MessageApiHandler<>(MetadataHandler.inCluster(view, defaults, authorizer, quorum, quorumTimeoutMs)),
                new MessageApiHandler<>(new DescribeClusterHandler(view, authorizer)),
                new ClusterCreateTopicsHandler(controller, policy),
                new ClusterCreatePartitionsHandler(controller),
                new ClusterDeleteTopicsHandler(controller, deleteTopicEnable),
                new ClusterIncrementalAlterConfigsHandler(alterConfigs, controller, quorumTimeoutMs),
                new DescribeQuorumHandler(() -> quorum.get().forward(QuorumStatusRpc.describeQuorum(), quorumTimeoutMs),
                        () -> quorum.get().status(), voters, cluster.controllerListenerName()),
                new ElectLeadersHandler(controller),
                new AlterPartitionReassignmentsHandler(controller),
                new ListPartitionReassignmentsHandler(controller));
    }
}
