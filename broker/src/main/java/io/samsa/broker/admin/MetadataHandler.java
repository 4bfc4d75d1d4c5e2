package io.samsa.broker.admin;

import io.samsa.broker.admin.view.BrokerNode;
import io.samsa.broker.admin.view.ClusterMetadataView;
import io.samsa.broker.admin.view.PartitionView;
import io.samsa.broker.admin.view.SingleNodeView;
import io.samsa.broker.admin.view.TopicView;
import io.samsa.broker.api.RequestContext;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.metadata.TopicCreationDefaults;
import io.samsa.broker.replication.PartitionRole;
import io.samsa.broker.security.AuthorizedOperations;
import io.samsa.broker.security.Authorizer;
import io.samsa.broker.security.ResourceType;
import io.samsa.broker.topics.TopicNames;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.MetadataRequest;
import io.samsa.protocol.message.MetadataRequest.MetadataRequestTopic;
import io.samsa.protocol.message.MetadataResponse;
import io.samsa.protocol.message.MetadataResponse.MetadataResponseBroker;
import io.samsa.protocol.message.MetadataResponse.MetadataResponsePartition;
import io.samsa.protocol.message.MetadataResponse.MetadataResponseTopic;
import io.samsa.protocol.types.Uuid;
import io.samsa.storage.TopicPartition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Metadata (key 3), v0 to 12: the brokers, the controller and the requested topics of a
 * {@link ClusterMetadataView}: on a single node this node as the only broker, controller and
 * leader of every partition; in cluster mode the metadata image (unfenced brokers with the
 * endpoint of the request's listener, the Raft leader as controller, each partition's leader,
 * leader epoch, replicas, ISR and offline replicas; LEADER_NOT_AVAILABLE for a partition without a
 * reachable leader).
 *
 * <p><b>Which topics.</b> Every topic when the list is null (v1+) or, at v0 only, empty; at v1+
 * an empty list means none. A name that is illegal gets INVALID_TOPIC_EXCEPTION; an unknown one is
 * created when both the request (allow_auto_topic_creation, v4+; always true below) and the broker
 * ({@code auto.create.topics.enable}) allow it, else UNKNOWN_TOPIC_OR_PARTITION. Internal topic
 * names are never auto-created here: the coordinator creates {@code __consumer_offsets} with its
 * own partition count. Topics asked for by a non-zero id (v10+) are looked up by id, whatever
 * the name; UNKNOWN_TOPIC_ID when absent.
 *
 * <p><b>Auto-creation</b> goes through a {@link TopicAutoCreator}: on a single node the topic is
 * created synchronously and returned at once with its partitions ({@link RegistryAutoCreator});
 * in cluster mode the creation is forwarded to the controller and the topic answered
 * LEADER_NOT_AVAILABLE, as Kafka does ({@link ControllerAutoCreator}).
 *
 * <p><b>Authorized operations</b> come from the {@link Authorizer} when asked for: each topic's
 * (include_topic_authorized_operations, v8+; on every topic of the response, as Kafka sets them)
 * and the cluster's (include_cluster_authorized_operations, v8 to 10). Not asked for, they stay
 * Kafka's "not requested" -2147483648.
 *
 * <p>Thread-safe: reads the view once per topic, and creates through the creator.
 */
public final class MetadataHandler implements SynchronousHandler<MetadataRequest, MetadataResponse> {
    private final ClusterMetadataView view;
    private final TopicCreationDefaults defaults;
    private final TopicAutoCreator autoCreator;
    private final Authorizer authorizer;

    /** Every operation authorized, every partition single-node. */
    public MetadataHandler(TopicRegistry registry, Supplier<LocalBroker> localBroker, TopicCreationDefaults defaults) {
        this(registry, localBroker, defaults, Authorizer.ALLOW_ALL, partition -> Optional.empty());
    }

    /**
     * A single node's Metadata.
     *
     * @param authorizer decides the authorized operations reported when a request asks for them
     * @param roles      the role of a replicated partition (leader, leader epoch, replicas, ISR); a
     *                   partition without one is reported as led here with ISR {self}
     */
    public MetadataHandler(TopicRegistry registry, Supplier<LocalBroker> localBroker, TopicCreationDefaults defaults,
                           Authorizer authorizer, Function<TopicPartition, Optional<PartitionRole>> roles) {
        this(new SingleNodeView(registry, localBroker, roles), defaults, authorizer,
                new RegistryAutoCreator(registry, defaults));
    }

    /**
     * Cluster mode's Metadata: auto-creation forwarded to the active controller.
     *
     * @param view      the metadata image's view
     * @param quorum    this node's metadata quorum (running once the broker serves requests)
     * @param timeoutMs how long a forwarded auto-creation may take
     */
    public static MetadataHandler inCluster(ClusterMetadataView view, TopicCreationDefaults defaults,
                                            Authorizer authorizer, Supplier<MetadataQuorum> quorum, long timeoutMs) {
        return new MetadataHandler(view, defaults, authorizer, new ControllerAutoCreator(quorum, defaults, timeoutMs));
    }

    MetadataHandler(ClusterMetadataView view, TopicCreationDefaults defaults, Authorizer authorizer,
                    TopicAutoCreator autoCreator) {
        this.view = view;
        this.defaults = defaults;
        this.authorizer = authorizer;
        this.autoCreator = autoCreator;
    }

    @Override
    public ApiKey api() {
        return ApiKey.METADATA;
    }

    /** Answers as to an in-process caller ({@link RequestContext#inProcess}). */
    @Override
    public MetadataResponse handle(MetadataRequest request, short apiVersion) {
        return handle(RequestContext.inProcess(ApiKey.METADATA.id(), apiVersion), request);
    }

    @Override
    public MetadataResponse handle(RequestContext context, MetadataRequest request) {
        short apiVersion = context.apiVersion();
        List<MetadataResponseTopic> topics = new ArrayList<>();
        // v0 cannot express "no topics": its empty list means all (v0 has no null array).
        boolean allTopics = request.topics() == null || (apiVersion == 0 && request.topics().isEmpty());
        if (allTopics) {
            for (TopicView topic : view.topics()) {
                topics.add(describe(topic));
            }
        } else {
            Set<String> seenNames = new HashSet<>();
            Set<Uuid> seenIds = new HashSet<>();
            for (MetadataRequestTopic requested : request.topics()) {
                // As in Kafka, a non-zero id selects by id whatever the name says (clients send null or "").
                if (!Uuid.ZERO.equals(requested.topicId())) {
                    if (seenIds.add(requested.topicId())) {
                        topics.add(byId(requested.topicId(), apiVersion));
                    }
                } else if (seenNames.add(requested.name())) {
                    topics.add(byName(requested.name(), request.allowAutoTopicCreation(), apiVersion));
                }
            }
        }
        if (request.includeTopicAuthorizedOperations()) {
            for (MetadataResponseTopic topic : topics) {
                topic.setTopicAuthorizedOperations(authorizer.authorizedOperations(context, ResourceType.TOPIC, topic.name()));
            }
        }
        int clusterOperations = request.includeClusterAuthorizedOperations() && apiVersion <= 10
                ? authorizer.authorizedOperations(context, ResourceType.CLUSTER, ResourceType.CLUSTER_NAME)
                : AuthorizedOperations.NOT_REQUESTED;
        List<MetadataResponseBroker> brokers = new ArrayList<>();
        for (BrokerNode broker : view.brokers(context.listenerName(), false)) {
            brokers.add(new MetadataResponseBroker()
                    .setNodeId(broker.id())
                    .setHost(broker.host())
                    .setPort(broker.port())
                    .setRack(broker.rack()));
        }
        return new MetadataResponse()
                .setThrottleTimeMs(0)
                .setClusterAuthorizedOperations(clusterOperations)
                .setBrokers(brokers)
                .setClusterId(view.clusterId())
                .setControllerId(view.controllerId())
                .setTopics(topics);
    }

    private MetadataResponseTopic byName(String name, boolean requestAllowsCreation, short apiVersion) {
        Optional<String> invalid = TopicNames.invalidReason(name);
        if (invalid.isPresent()) {
            return error(responseName(name, apiVersion), Uuid.ZERO, ErrorCode.INVALID_TOPIC_EXCEPTION);
        }
        Optional<TopicView> existing = view.topic(name);
        if (existing.isPresent()) {
            return describe(existing.get());
        }
        if (!requestAllowsCreation || !defaults.autoCreateTopicsEnable() || TopicNames.isInternal(name)) {
            return error(name, Uuid.ZERO, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        ErrorCode created = autoCreator.create(name);
        if (created == ErrorCode.NONE) {
            Optional<TopicView> topic = view.topic(name);
            if (topic.isPresent()) {
                return describe(topic.get());
            }
            created = ErrorCode.LEADER_NOT_AVAILABLE; // deleted again at once: the client retries
        }
        return error(name, Uuid.ZERO, created);
    }

    private MetadataResponseTopic byId(Uuid id, short apiVersion) {
        Optional<TopicView> topic = view.topic(id);
        if (topic.isPresent()) {
            return describe(topic.get());
        }
        return error(responseName(null, apiVersion), id, ErrorCode.UNKNOWN_TOPIC_ID);
    }

    /** The response's topic name is nullable only from v12; below it a missing name is sent as "". */
    private static String responseName(String name, short apiVersion) {
        return name == null && apiVersion < 12 ? "" : name;
    }

    private static MetadataResponseTopic describe(TopicView topic) {
        List<MetadataResponsePartition> partitions = new ArrayList<>(topic.partitions().size());
        for (PartitionView partition : topic.partitions()) {
            partitions.add(new MetadataResponsePartition()
                    .setErrorCode((partition.hasLeader() ? ErrorCode.NONE : ErrorCode.LEADER_NOT_AVAILABLE).code())
                    .setPartitionIndex(partition.index())
                    .setLeaderId(partition.leader())
                    .setLeaderEpoch(partition.leaderEpoch())
                    .setReplicaNodes(new ArrayList<>(partition.replicas()))
                    .setIsrNodes(new ArrayList<>(partition.isr()))
                    .setOfflineReplicas(new ArrayList<>(partition.offlineReplicas())));
        }
        return new MetadataResponseTopic()
                .setErrorCode(ErrorCode.NONE.code())
                .setName(topic.name())
                .setTopicId(topic.id())
                .setIsInternal(topic.internal())
                .setPartitions(partitions);
    }

    private static MetadataResponseTopic error(String name, Uuid id, ErrorCode error) {
        return new MetadataResponseTopic()
                .setErrorCode(error.code())
                .setName(name)
                .setTopicId(id)
                .setIsInternal(TopicNames.isInternal(name))
                .setPartitions(new ArrayList<>());
    }
}
