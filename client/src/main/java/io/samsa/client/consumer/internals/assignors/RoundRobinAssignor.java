package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Kafka's {@code roundrobin} assignor: all partitions of all subscribed topics, topics in name order
 * and partitions in number order, are dealt to members in {@link MemberInfo} order, cycling; a member
 * not subscribed to a partition's topic is skipped for that partition.
 *
 * <p>Stateless; thread-safe.
 */
public class RoundRobinAssignor extends AbstractPartitionAssignor {

    @Override
    public String name() {
        return Assignors.ROUND_ROBIN;
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, Subscription> subscriptions) {
        Map<String, List<TopicPartition>> assignment = new HashMap<>();
        List<MemberInfo> members = new ArrayList<>();
        TreeSet<String> topics = new TreeSet<>();
        for (Map.Entry<String, Subscription> entry : subscriptions.entrySet()) {
            assignment.put(entry.getKey(), new ArrayList<>());
            members.add(new MemberInfo(entry.getKey(), entry.getValue().groupInstanceId()));
            topics.addAll(entry.getValue().topics());
        }
        Collections.sort(members);
        int next = 0;
        for (String topic : topics) {
            Integer numPartitions = partitionsPerTopic.get(topic);
            if (numPartitions == null) {
                continue;
            }
            for (TopicPartition partition : partitions(topic, numPartitions)) {
                // Some member is subscribed to every topic in the set, so this loop ends within one cycle.
                while (!subscriptions.get(members.get(next).memberId()).topics().contains(topic)) {
                    next = (next + 1) % members.size();
                }
                assignment.get(members.get(next).memberId()).add(partition);
                next = (next + 1) % members.size();
            }
        }
        return assignment;
    }
}
