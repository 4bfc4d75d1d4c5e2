package io.samsa.client.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of cluster metadata: brokers and the partitions of each topic, as Kafka's
 * {@code Cluster}. Engines build a new one per metadata response; assignors and partitioners read it.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class Cluster {
    private final String clusterId;
    private final List<Node> nodes;
    private final Map<String, List<PartitionInfo>> partitionsByTopic;
    private final Map<String, List<PartitionInfo>> availablePartitionsByTopic;
    private final Map<TopicPartition, PartitionInfo> partitionsByTopicPartition;
    private final Set<String> internalTopics;

    public Cluster(String clusterId, Collection<Node> nodes, Collection<PartitionInfo> partitions, Set<String> internalTopics) {
        this.clusterId = clusterId;
        this.nodes = List.copyOf(nodes);
        this.internalTopics = Set.copyOf(internalTopics);
        Map<String, List<PartitionInfo>> byTopic = new HashMap<>();
        Map<String, List<PartitionInfo>> available = new HashMap<>();
        Map<TopicPartition, PartitionInfo> byPartition = new HashMap<>();
        for (PartitionInfo p : partitions) {
            byTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p);
            if (p.leader() != null && !p.leader().isEmpty()) {
                available.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p);
            }
            byPartition.put(new TopicPartition(p.topic(), p.partition()), p);
        }
        byTopic.replaceAll((t, list) -> Collections.unmodifiableList(list));
        available.replaceAll((t, list) -> Collections.unmodifiableList(list));
        this.partitionsByTopic = Collections.unmodifiableMap(byTopic);
        this.availablePartitionsByTopic = Collections.unmodifiableMap(available);
        this.partitionsByTopicPartition = Collections.unmodifiableMap(byPartition);
    }

    /** A cluster with no brokers and no topics. */
    public static Cluster empty() {
        return new Cluster(null, List.of(), List.of(), Set.of());
    }

    /** The cluster id, or null when unknown. */
    public String clusterId() {
        return clusterId;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Set<String> topics() {
        return partitionsByTopic.keySet();
    }

    public Set<String> internalTopics() {
        return internalTopics;
    }

    /** The partitions of a topic (empty when unknown), in the order metadata listed them. */
    public List<PartitionInfo> partitionsForTopic(String topic) {
        return partitionsByTopic.getOrDefault(topic, List.of());
    }

    /** The partitions of a topic that currently have a leader. */
    public List<PartitionInfo> availablePartitionsForTopic(String topic) {
        return availablePartitionsByTopic.getOrDefault(topic, List.of());
    }

    /** The number of partitions of a topic, or null when the topic is unknown. */
    public Integer partitionCountForTopic(String topic) {
        List<PartitionInfo> partitions = partitionsByTopic.get(topic);
        return partitions == null ? null : partitions.size();
    }

    /** The metadata of one partition, or null when unknown. */
    public PartitionInfo partition(TopicPartition topicPartition) {
        return partitionsByTopicPartition.get(topicPartition);
    }

    @Override
    public String toString() {
        return "Cluster(id = " + clusterId + ", nodes = " + nodes + ", partitions = " + partitionsByTopicPartition.values() + ")";
    }
}
