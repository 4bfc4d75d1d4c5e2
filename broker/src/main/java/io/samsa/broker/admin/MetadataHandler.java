package io.samsa.broker.admin;

import io.samsa.broker.api.RequestContext;
import io.samsa.broker.metadata.LeaderEpoch;
import io.samsa.broker.replication.PartitionRole;
import io.samsa.storage.TopicPartition;
import java.util.function.Function;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.metadata.TopicCreationDefaults;
import io.samsa.broker.security.Authorizer;
import io.samsa.broker.security.AuthorizedOperations;
import io.samsa.broker.security.ResourceType;
import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicException;
import io.samsa.broker.topics.TopicNames;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.MetadataRequest;
import io.samsa.protocol.message.MetadataRequest.MetadataRequestTopic;
import io.samsa.protocol.message.MetadataResponse;
import io.samsa.protocol.message.MetadataResponse.MetadataResponseBroker;
import io.samsa.protocol.message.MetadataResponse.MetadataResponsePartition;
import io.samsa.protocol.message.MetadataResponse.MetadataResponseTopic;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.Set;

/**
 * Metadata (key 3), v0 to 12: this node as the only broker, controller and leader of every
 * partition (leader epoch 0, replicas and ISR = this node, no offline replicas), and the requested
 * topics.
 *
 * <p><b>Which topics.</b> Every topic when the list is null (v1+) or, at v0 only, empty; at v1+
 * an empty list means none. A name that is illegal gets INVALID_TOPIC_EXCEPTION; an unknown one is
 * created when both the request (allow_auto_topic_creation, v4+; always true below) and the broker
 * ({@code auto.create.topics.enable}) allow it, else UNKNOWN_TOPIC_OR_PARTITION. Internal topic
 * names are never auto-created here: the coordinator creates {@code __consumer_offsets} with its
 * own partition count. Topics asked for by a non-zero id (v10+) are looked up by id, whatever
 * the name; UNKNOWN_TOPIC_ID when absent.
 *
 * <p><b>Auto-created topics are returned at once, with their partitions and no error</b>, instead
 * of Kafka's LEADER_NOT_AVAILABLE on first sight. Kafka answers that way because its controller
 * creates the topic asynchronously and elects leaders later; here the registry create is
 * synchronous and durable and the storage listener has opened the logs before it returns, so
 * the leader (this node) is available. Clients treat both answers correctly; this one saves them
 * a retry round trip (retry.backoff.ms, 100 ms in Java) before the first produce.
 *
 * <p><b>Authorized operations</b> come from the {@link Authorizer} when asked for: each topic's
 * (include_topic_authorized_operations, v8+; on every topic of the response, as Kafka sets them)
 * and the cluster's (include_cluster_authorized_operations, v8 to 10). Not asked for, they stay
 * Kafka's "not requested" -2147483648.
 *
 * <p>Thread-safe: reads the registry's snapshot, and creates through its serialised writes.
 */
public final class MetadataHandler implements SynchronousHandler<MetadataRequest, MetadataResponse> {
    private final TopicRegistry registry;
    private final Supplier<LocalBroker> localBroker;
    private final TopicCreationDefaults defaults;
    private final Function<TopicPartition, Optional<PartitionRole>> roles;
    private final Authorizer authorizer;

    /** Every operation authorized, every partition single-node. */
    public MetadataHandler(TopicRegistry registry, Supplier<LocalBroker> localBroker, TopicCreationDefaults defaults) {
        this(registry, localBroker, defaults, Authorizer.ALLOW_ALL, partition -> Optional.empty());
    }

    /**
     * @param authorizer decides the authorized operations reported when a request asks for them
     * @param roles      the role of a replicated partition (leader, leader epoch, replicas, ISR); a
     *                   partition without one is reported as led here with ISR {self}
     */
    public MetadataHandler(TopicRegistry registry, Supplier<LocalBroker> localBroker, TopicCreationDefaults defaults,
                           Authorizer authorizer, Function<TopicPartition, Optional<PartitionRole>> roles) {
        this.roles = roles;
        this.authorizer = authorizer;
        this.registry = registry;
        this.localBroker = localBroker;
        this.defaults = defaults;
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
        LocalBroker broker = localBroker.get();
        int nodeId = broker.nodeId();
        List<MetadataResponseTopic> topics = new ArrayList<>();
        // v0 cannot express "no topics": its empty list means all (v0 has no null array).
        boolean allTopics = request.topics() == null || (apiVersion == 0 && request.topics().isEmpty());
        if (allTopics) {
            for (Topic topic : registry.topics()) {
                topics.add(describe(topic, nodeId));
            }
        } else {
            Set<String> seenNames = new HashSet<>();
            Set<Uuid> seenIds = new HashSet<>();
            for (MetadataRequestTopic requested : request.topics()) {
                // As in Kafka, a non-zero id selects by id whatever the name says (clients send null or "").
                if (!Uuid.ZERO.equals(requested.topicId())) {
                    if (seenIds.add(requested.topicId())) {
                        topics.add(byId(requested.topicId(), apiVersion, nodeId));
                    }
                } else if (seenNames.add(requested.name())) {
                    topics.add(byName(requested.name(), request.allowAutoTopicCreation(), apiVersion, nodeId));
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
        return new MetadataResponse()
                .setThrottleTimeMs(0)
                .setClusterAuthorizedOperations(clusterOperations)
                .setBrokers(new ArrayList<>(List.of(new MetadataResponseBroker()
                        .setNodeId(broker.nodeId())
                        .setHost(broker.advertisedHost())
                        .setPort(broker.advertisedPort())
                        .setRack(broker.rack()))))
                .setClusterId(broker.clusterId())
                .setControllerId(broker.nodeId())
                .setTopics(topics);
    }

    private MetadataResponseTopic byName(String name, boolean requestAllowsCreation, short apiVersion, int nodeId) {
        Optional<String> invalid = TopicNames.invalidReason(name);
        if (invalid.isPresent()) {
            return error(responseName(name, apiVersion), Uuid.ZERO, ErrorCode.INVALID_TOPIC_EXCEPTION);
        }
        Optional<Topic> existing = registry.topic(name);
        if (existing.isPresent()) {
            return describe(existing.get(), nodeId);
        }
        if (!requestAllowsCreation || !defaults.autoCreateTopicsEnable() || TopicNames.isInternal(name)) {
            return error(name, Uuid.ZERO, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        return autoCreate(name, nodeId);
    }

    private MetadataResponseTopic autoCreate(String name, int nodeId) {
        if (SingleNodeReplication.replicationFactorProblem(defaults.defaultReplicationFactor()).isPresent()) {
            return error(name, Uuid.ZERO, ErrorCode.INVALID_REPLICATION_FACTOR);
        }
        try {
            return describe(registry.create(name, defaults.numPartitions(), Map.of()), nodeId);
        } catch (TopicException e) {
            if (e.error() == ErrorCode.TOPIC_ALREADY_EXISTS) {
                // Another request created it between our lookup and our create.
                Optional<Topic> raced = registry.topic(name);
                if (raced.isPresent()) {
                    return describe(raced.get(), nodeId);
                }
            }
            return error(name, Uuid.ZERO, e.error());
        }
    }

    private MetadataResponseTopic byId(Uuid id, short apiVersion, int nodeId) {
        Optional<Topic> topic = registry.topic(id);
        if (topic.isPresent()) {
            return describe(topic.get(), nodeId);
        }
        return error(responseName(null, apiVersion), id, ErrorCode.UNKNOWN_TOPIC_ID);
    }

    /** The response's topic name is nullable only from v12; below it a missing name is sent as "". */
    private static String responseName(String name, short apiVersion) {
        return name == null && apiVersion < 12 ? "" : name;
    }

    private MetadataResponseTopic describe(Topic topic, int nodeId) {
        List<MetadataResponsePartition> partitions = new ArrayList<>(topic.partitionCount());
        for (int partition = 0; partition < topic.partitionCount(); partition++) {
            Optional<PartitionRole> role = roles.apply(new TopicPartition(topic.name(), partition));
            partitions.add(new MetadataResponsePartition()
                    .setErrorCode(ErrorCode.NONE.code())
                    .setPartitionIndex(partition)
                    .setLeaderId(role.map(PartitionRole::leaderId).orElse(nodeId))
                    .setLeaderEpoch(role.map(PartitionRole::leaderEpoch).orElse(LeaderEpoch.CURRENT))
                    .setReplicaNodes(new ArrayList<>(role.map(PartitionRole::replicas).orElse(List.of(nodeId))))
                    .setIsrNodes(new ArrayList<>(role.map(PartitionRole::isr).orElse(List.of(nodeId))))
                    .setOfflineReplicas(new ArrayList<>()));
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
