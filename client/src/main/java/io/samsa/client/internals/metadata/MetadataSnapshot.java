package io.samsa.client.internals.metadata;

import io.samsa.client.common.Cluster;
import io.samsa.client.common.Node;
import io.samsa.client.common.PartitionInfo;
import io.samsa.client.common.TopicPartition;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.MetadataResponse;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Metadata response, indexed: brokers by id, the controller, partitions with leaders and leader
 * epochs (as a {@link Cluster}, which assignors and partitioners read), topic ids, and the error of
 * each topic the broker could not describe.
 *
 * <p>Immutable; thread-safe. A refresh builds a new snapshot and swaps it in.
 */
public final class MetadataSnapshot {
    private final String clusterId;
    private final Node controller;
    private final Map<Integer, Node> nodesById;
    private final Cluster cluster;
    private final Map<String, Uuid> topicIds;
    private final Map<String, ErrorCode> topicErrors;
    private final Map<TopicPartition, Integer> leaderEpochs;
    private final long updatedAtMs;

    private MetadataSnapshot(String clusterId, Node controller, Map<Integer, Node> nodesById, Cluster cluster,
                             Map<String, Uuid> topicIds, Map<String, ErrorCode> topicErrors,
                             Map<TopicPartition, Integer> leaderEpochs, long updatedAtMs) {
        this.clusterId = clusterId;
        this.controller = controller;
        this.nodesById = Collections.unmodifiableMap(nodesById);
        this.cluster = cluster;
        this.topicIds = Collections.unmodifiableMap(topicIds);
        this.topicErrors = Collections.unmodifiableMap(topicErrors);
        this.leaderEpochs = Collections.unmodifiableMap(leaderEpochs);
        this.updatedAtMs = updatedAtMs;
    }

    /** Knows only the bootstrap servers, given negative ids (-1, -2, ...) as Kafka does. */
    public static MetadataSnapshot bootstrap(List<Node> bootstrapNodes) {
        Map<Integer, Node> nodes = new HashMap<>();
        for (Node node : bootstrapNodes) {
            nodes.put(node.id(), node);
        }
        return new MetadataSnapshot(null, null, nodes, new Cluster(null, bootstrapNodes, List.of(), Set.of()),
            Map.of(), Map.of(), Map.of(), -1);
    }

    /**
     * Indexes a response.
     *
     * @param nowMs when it arrived, in milliseconds
     */
    public static MetadataSnapshot fromResponse(MetadataResponse response, long nowMs) {
        Map<Integer, Node> nodes = new HashMap<>();
        for (MetadataResponse.MetadataResponseBroker broker : response.brokers()) {
            nodes.put(broker.nodeId(), new Node(broker.nodeId(), broker.host(), broker.port(), broker.rack()));
        }
        List<PartitionInfo> partitions = new ArrayList<>();
        Map<String, Uuid> topicIds = new HashMap<>();
        Map<String, ErrorCode> topicErrors = new HashMap<>();
        Map<TopicPartition, Integer> epochs = new HashMap<>();
        Set<String> internal = new HashSet<>();
        for (MetadataResponse.MetadataResponseTopic topic : response.topics()) {
            ErrorCode error = ErrorCode.forCode(topic.errorCode());
            if (topic.name() == null) {
                continue;
            }
            if (error != ErrorCode.NONE) {
                topicErrors.put(topic.name(), error);
                continue;
            }
            if (topic.topicId() != null && !Uuid.ZERO.equals(topic.topicId())) {
                topicIds.put(topic.name(), topic.topicId());
            }
            if (topic.isInternal()) {
                internal.add(topic.name());
            }
            for (MetadataResponse.MetadataResponsePartition p : topic.partitions()) {
                Node leader = nodes.getOrDefault(p.leaderId(), null);
                partitions.add(new PartitionInfo(topic.name(), p.partitionIndex(), leader,
                    toNodes(p.replicaNodes(), nodes), toNodes(p.isrNodes(), nodes), toNodes(p.offlineReplicas(), nodes)));
                epochs.put(new TopicPartition(topic.name(), p.partitionIndex()), p.leaderEpoch());
            }
        }
        Node controller = nodes.get(response.controllerId());
        Cluster cluster = new Cluster(response.clusterId(), nodes.values(), partitions, internal);
        return new MetadataSnapshot(response.clusterId(), controller, nodes, cluster, topicIds, topicErrors, epochs, nowMs);
    }

    private static Node[] toNodes(List<Integer> ids, Map<Integer, Node> nodes) {
        Node[] result = new Node[ids.size()];
        for (int i = 0; i < result.length; i++) {
            int id = ids.get(i);
            result[i] = nodes.getOrDefault(id, new Node(id, "", -1));
        }
        return result;
    }

    public String clusterId() {
        return clusterId;
    }

    /** The controller the broker named (in KRaft, a broker that forwards controller requests), if any. */
    public Optional<Node> controller() {
        return Optional.ofNullable(controller);
    }

    public Map<Integer, Node> nodesById() {
        return nodesById;
    }

    public Optional<Node> node(int id) {
        return Optional.ofNullable(nodesById.get(id));
    }

    public Cluster cluster() {
        return cluster;
    }

    /** The current leader of a partition, if the partition is known and has one. */
    public Optional<Node> leader(TopicPartition partition) {
        PartitionInfo info = cluster.partition(partition);
        return info == null || info.leader() == null || info.leader().isEmpty() ? Optional.empty() : Optional.of(info.leader());
    }

    public Optional<Integer> leaderEpoch(TopicPartition partition) {
        return Optional.ofNullable(leaderEpochs.get(partition));
    }

    public Map<String, Uuid> topicIds() {
        return topicIds;
    }

    /** Topics the broker answered with an error (UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE, ...). */
    public Map<String, ErrorCode> topicErrors() {
        return topicErrors;
    }

    /** When the response arrived (ms); -1 for the bootstrap snapshot. */
    public long updatedAtMs() {
        return updatedAtMs;
    }

    @Override
    public String toString() {
        return "MetadataSnapshot(cluster " + clusterId + ", nodes " + nodesById.keySet() + ", topics "
            + cluster.topics() + ", errors " + topicErrors + ")";
    }
}
