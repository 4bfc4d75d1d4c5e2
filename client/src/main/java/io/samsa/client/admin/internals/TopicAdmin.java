package io.samsa.client.admin.internals;

import io.samsa.client.admin.ClusterDescription;
import io.samsa.client.admin.NewTopic;
import io.samsa.client.admin.TopicDescription;
import io.samsa.client.admin.TopicListing;
import io.samsa.client.admin.TopicPartitionInfo;
import io.samsa.client.common.Node;
import io.samsa.client.common.PartitionInfo;
import io.samsa.client.errors.Errors;
import io.samsa.client.errors.UnsupportedVersionException;
import io.samsa.client.internals.metadata.MetadataSnapshot;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.client.internals.network.NodeApiVersions;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.CreatePartitionsRequest;
import io.samsa.protocol.message.CreatePartitionsResponse;
import io.samsa.protocol.message.CreateTopicsRequest;
import io.samsa.protocol.message.CreateTopicsResponse;
import io.samsa.protocol.message.DeleteTopicsRequest;
import io.samsa.protocol.message.DeleteTopicsResponse;
import io.samsa.protocol.message.DescribeClusterRequest;
import io.samsa.protocol.message.DescribeClusterResponse;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Topic and cluster operations of the admin client: create, delete, add partitions (sent to the
 * controller the metadata names, which in KRaft is a broker that forwards them), list, describe,
 * describe the cluster.
 *
 * <p>Thread-safe: stateless apart from the shared {@link AdminContext}.
 */
public final class TopicAdmin {
    /** Broker-side defaults for partitions and replication factor need CreateTopics v4. */
    private static final int FIRST_CREATE_TOPICS_WITH_DEFAULTS = 4;
    private static final int FIRST_DELETE_TOPICS_WITH_STATES = 6;

    private final AdminContext context;

    public TopicAdmin(AdminContext context) {
        this.context = context;
    }

    /** The controller the cluster names, or any broker when it names none. */
    private CompletableFuture<Node> controller() {
        return context.metadata().fetch(List.of())
            .thenApply(snapshot -> snapshot.controller().orElseGet(() -> context.metadata().leastLoadedNode(context.nowMs())));
    }

    public Map<String, CompletableFuture<Void>> createTopics(Collection<NewTopic> topics, boolean validateOnly) {
        Map<String, NewTopic> byName = new LinkedHashMap<>();
        topics.forEach(t -> byName.put(t.name(), t));
        boolean needsDefaults = topics.stream().anyMatch(t -> t.numPartitions().isEmpty() || t.replicationFactor().isEmpty());
        return KeyedRetry.run(context, "createTopics", byName.keySet(), open -> controller().thenCompose(node -> {
            ClientRequest request = ClientRequest.build(ApiMessageType.CREATE_TOPICS,
                needsDefaults ? FIRST_CREATE_TOPICS_WITH_DEFAULTS : 0, NodeApiVersions.clientMaxVersion(ApiMessageType.CREATE_TOPICS),
                v -> createTopicsRequest(open, byName, validateOnly));
            return context.network().send(node, request, CreateTopicsResponse.class);
        }).thenApply(response -> {
            Map<String, Outcome<Void>> outcomes = new HashMap<>();
            for (CreateTopicsResponse.CreatableTopicResult result : response.topics()) {
                outcomes.put(result.name(), outcome(result.errorCode(), result.errorMessage()));
            }
            return outcomes;
        }));
    }

    private CreateTopicsRequest createTopicsRequest(Set<String> open, Map<String, NewTopic> byName, boolean validateOnly) {
        List<CreateTopicsRequest.CreatableTopic> list = new ArrayList<>();
        for (String name : open) {
            NewTopic topic = byName.get(name);
            List<CreateTopicsRequest.CreatableTopicConfig> configs = new ArrayList<>();
            topic.configs().forEach((k, v) -> configs.add(new CreateTopicsRequest.CreatableTopicConfig().setName(k).setValue(v)));
            list.add(new CreateTopicsRequest.CreatableTopic().setName(name)
                .setNumPartitions(topic.numPartitions().orElse(-1))
                .setReplicationFactor(topic.replicationFactor().orElse((short) -1))
                .setConfigs(configs));
        }
        return new CreateTopicsRequest().setTopics(list).setTimeoutMs((int) context.requestTimeoutMs()).setValidateOnly(validateOnly);
    }

    public Map<String, CompletableFuture<Void>> deleteTopics(Collection<String> names) {
        return KeyedRetry.run(context, "deleteTopics", names, open -> controller().thenCompose(node -> {
            ClientRequest request = ClientRequest.build(ApiMessageType.DELETE_TOPICS, 1,
                NodeApiVersions.clientMaxVersion(ApiMessageType.DELETE_TOPICS), v -> {
                    DeleteTopicsRequest body = new DeleteTopicsRequest().setTimeoutMs((int) context.requestTimeoutMs());
                    if (v >= FIRST_DELETE_TOPICS_WITH_STATES) {
                        body.setTopics(open.stream().map(n -> new DeleteTopicsRequest.DeleteTopicState().setName(n)).toList());
                    } else {
                        body.setTopicNames(List.copyOf(open));
                    }
                    return body;
                });
            return context.network().send(node, request, DeleteTopicsResponse.class);
        }).thenApply(response -> {
            Map<String, Outcome<Void>> outcomes = new HashMap<>();
            for (DeleteTopicsResponse.DeletableTopicResult result : response.responses()) {
                outcomes.put(result.name(), outcome(result.errorCode(), result.errorMessage()));
            }
            return outcomes;
        }));
    }

    /** @param totalCounts topic name to the partition count it should have afterwards */
    public Map<String, CompletableFuture<Void>> createPartitions(Map<String, Integer> totalCounts, boolean validateOnly) {
        return KeyedRetry.run(context, "createPartitions", totalCounts.keySet(), open -> controller().thenCompose(node -> {
            List<CreatePartitionsRequest.CreatePartitionsTopic> topics = new ArrayList<>();
            for (String name : open) {
                topics.add(new CreatePartitionsRequest.CreatePartitionsTopic().setName(name).setCount(totalCounts.get(name))
                    .setAssignments(null));
            }
            CreatePartitionsRequest body = new CreatePartitionsRequest().setTopics(topics)
                .setTimeoutMs((int) context.requestTimeoutMs()).setValidateOnly(validateOnly);
            return context.network().send(node, ClientRequest.of(body), CreatePartitionsResponse.class);
        }).thenApply(response -> {
            Map<String, Outcome<Void>> outcomes = new HashMap<>();
            for (CreatePartitionsResponse.CreatePartitionsTopicResult result : response.results()) {
                outcomes.put(result.name(), outcome(result.errorCode(), result.errorMessage()));
            }
            return outcomes;
        }));
    }

    /** @param includeInternal whether to list __consumer_offsets and other internal topics */
    public CompletableFuture<Map<String, TopicListing>> listTopics(boolean includeInternal) {
        return KeyedRetry.<Map<String, TopicListing>>runOne(context, "listTopics", () -> context.metadata().fetch(null)
            .thenApply(snapshot -> {
                Map<String, TopicListing> listings = new java.util.TreeMap<>();
                for (String name : snapshot.cluster().topics()) {
                    boolean internal = snapshot.cluster().internalTopics().contains(name);
                    if (includeInternal || !internal) {
                        listings.put(name, new TopicListing(name, snapshot.topicIds().getOrDefault(name, Uuid.ZERO), internal));
                    }
                }
                return Outcome.ok(listings);
            }));
    }

    public Map<String, CompletableFuture<TopicDescription>> describeTopics(Collection<String> names) {
        return KeyedRetry.run(context, "describeTopics", names, open -> context.metadata().fetch(open).thenApply(snapshot -> {
            Map<String, Outcome<TopicDescription>> outcomes = new HashMap<>();
            for (String name : open) {
                ErrorCode error = snapshot.topicErrors().get(name);
                if (error == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION || error == ErrorCode.INVALID_TOPIC_EXCEPTION
                    || error == ErrorCode.TOPIC_AUTHORIZATION_FAILED) {
                    outcomes.put(name, Outcome.fail(Errors.toException(error, "topic " + name)));
                } else if (error != null) {
                    outcomes.put(name, Outcome.of(Errors.toException(error, "topic " + name)));
                } else {
                    outcomes.put(name, Outcome.ok(describe(snapshot, name)));
                }
            }
            return outcomes;
        }));
    }

    private static TopicDescription describe(MetadataSnapshot snapshot, String name) {
        List<TopicPartitionInfo> partitions = new ArrayList<>();
        List<PartitionInfo> infos = new ArrayList<>(snapshot.cluster().partitionsForTopic(name));
        infos.sort(Comparator.comparingInt(PartitionInfo::partition));
        for (PartitionInfo info : infos) {
            partitions.add(new TopicPartitionInfo(info.partition(), info.leader(), Arrays.asList(info.replicas()),
                Arrays.asList(info.inSyncReplicas())));
        }
        return new TopicDescription(name, snapshot.cluster().internalTopics().contains(name),
            snapshot.topicIds().getOrDefault(name, Uuid.ZERO), partitions);
    }

    /** DescribeCluster where the broker has it (Kafka 2.8+), otherwise Metadata. */
    public CompletableFuture<ClusterDescription> describeCluster() {
        return KeyedRetry.<ClusterDescription>runOne(context, "describeCluster", () -> {
            Node node = context.metadata().leastLoadedNode(context.nowMs());
            return context.network().send(node, ClientRequest.of(new DescribeClusterRequest()), DescribeClusterResponse.class)
                .thenApply(TopicAdmin::fromDescribeCluster)
                .exceptionallyCompose(error -> {
                    Throwable cause = KeyedRetry.unwrap(error);
                    if (cause instanceof UnsupportedVersionException) {
                        return context.metadata().fetch(List.of()).thenApply(s -> Outcome.ok(new ClusterDescription(
                            s.clusterId(), s.controller().orElse(null), new ArrayList<>(s.nodesById().values()))));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
        });
    }

    private static Outcome<ClusterDescription> fromDescribeCluster(DescribeClusterResponse response) {
        ErrorCode error = ErrorCode.forCode(response.errorCode());
        if (error != ErrorCode.NONE) {
            return Outcome.of(Errors.toException(error, response.errorMessage()));
        }
        Map<Integer, Node> nodes = new LinkedHashMap<>();
        for (DescribeClusterResponse.DescribeClusterBroker b : response.brokers()) {
            nodes.put(b.brokerId(), new Node(b.brokerId(), b.host(), b.port(), b.rack()));
        }
        return Outcome.ok(new ClusterDescription(response.clusterId(), nodes.get(response.controllerId()),
            new ArrayList<>(nodes.values())));
    }

    static <V> Outcome<V> outcome(short errorCode, String message) {
        ErrorCode error = ErrorCode.forCode(errorCode);
        return error == ErrorCode.NONE ? Outcome.ok(null) : Outcome.of(Errors.toException(error, message));
    }
}
