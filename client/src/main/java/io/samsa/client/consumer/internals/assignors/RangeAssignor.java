package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Kafka's {@code range} assignor: per topic, members subscribed to it in {@link MemberInfo} order get
 * consecutive ranges of partitions; the first {@code partitions % members} members get one extra.
 * Topics are independent, so members early in the order collect the extras of every topic.
 *
 * <p>Example: members C0, C1; topics t0 and t1 with 3 partitions each gives
 * C0 = [t0-0, t0-1, t1-0, t1-1], C1 = [t0-2, t1-2].
 *
 * <p>Rack-aware placement (when members and replicas have racks) is not implemented yet.
 *
 * <p>Stateless; thread-safe.
 */
public class RangeAssignor extends AbstractPartitionAssignor {

    @Override
    public String name() {
        return Assignors.RANGE;
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, Subscription> subscriptions) {
        Map<String, List<MemberInfo>> membersPerTopic = new HashMap<>();
        Map<String, List<TopicPartition>> assignment = new HashMap<>();
        for (Map.Entry<String, Subscription> entry : subscriptions.entrySet()) {
            assignment.put(entry.getKey(), new ArrayList<>());
            MemberInfo member = new MemberInfo(entry.getKey(), entry.getValue().groupInstanceId());
            // A topic listed twice counts once, as in Kafka.
            for (String topic : new LinkedHashSet<>(entry.getValue().topics())) {
                membersPerTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(member);
            }
        }
        for (Map.Entry<String, List<MemberInfo>> entry : membersPerTopic.entrySet()) {
            Integer numPartitions = partitionsPerTopic.get(entry.getKey());
            if (numPartitions == null) {
                continue;
            }
            List<MemberInfo> members = entry.getValue();
            Collections.sort(members);
            int perMember = numPartitions / members.size();
            int withExtra = numPartitions % members.size();
            List<TopicPartition> partitions = partitions(entry.getKey(), numPartitions);
            for (int i = 0; i < members.size(); i++) {
                int start = perMember * i + Math.min(i, withExtra);
                int length = perMember + (i < withExtra ? 1 : 0);
                assignment.get(members.get(i).memberId()).addAll(partitions.subList(start, start + length));
            }
        }
        return assignment;
    }
}
