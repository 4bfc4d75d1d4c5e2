package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.Cluster;
import io.samsa.client.common.PartitionInfo;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerPartitionAssignor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The common front of the built-in assignors: turns cluster metadata and the group's subscriptions
 * into "partition count per subscribed topic" and wraps the per-member partition lists into
 * {@link ConsumerPartitionAssignor.Assignment}s. Topics unknown to the metadata are left out, as in
 * Kafka.
 *
 * <p>The maps built here are hash maps filled in the same order as Kafka's, because the sticky
 * assignors' tie-breaks depend on iteration order and must match Kafka's exactly.
 *
 * <p>Not thread-safe; one consumer thread uses an assignor at a time.
 */
public abstract class AbstractPartitionAssignor implements ConsumerPartitionAssignor {

    /**
     * Assigns partitions to members.
     *
     * @param partitionsPerTopic the partition count of every subscribed topic known to the metadata
     * @param subscriptions      every member's subscription, by member id
     * @return every member's partitions (members with nothing get an empty list)
     */
    public abstract Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                             Map<String, Subscription> subscriptions);

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        Set<String> allSubscribedTopics = new HashSet<>();
        for (Subscription subscription : subscriptions.values()) {
            allSubscribedTopics.addAll(subscription.topics());
        }
        Map<String, Integer> partitionsPerTopic = new HashMap<>();
        for (String topic : allSubscribedTopics) {
            List<PartitionInfo> partitions = metadata.partitionsForTopic(topic);
            if (!partitions.isEmpty()) {
                List<PartitionInfo> sorted = new ArrayList<>(partitions);
                sorted.sort(Comparator.comparingInt(PartitionInfo::partition));
                partitionsPerTopic.put(topic, sorted.size());
            }
        }
        Map<String, List<TopicPartition>> raw = assign(partitionsPerTopic, subscriptions);
        Map<String, Assignment> assignments = new HashMap<>();
        for (Map.Entry<String, List<TopicPartition>> entry : raw.entrySet()) {
            assignments.put(entry.getKey(), new Assignment(entry.getValue()));
        }
        return new GroupAssignment(assignments);
    }

    /** Partitions 0..n-1 of a topic. */
    static List<TopicPartition> partitions(String topic, int numPartitions) {
        List<TopicPartition> partitions = new ArrayList<>(numPartitions);
        for (int i = 0; i < numPartitions; i++) {
            partitions.add(new TopicPartition(topic, i));
        }
        return partitions;
    }
}
