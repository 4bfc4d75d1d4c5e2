package io.samsa.coordinator.consumer.assignor;

import io.samsa.protocol.types.Uuid;
import java.util.List;
import java.util.Map;

/**
 * The {@code range} server-side assignor: topic by topic, the subscribers in member-id order each
 * get one contiguous range of partitions, the first {@code partitions % subscribers} of them one
 * more than the rest. Members subscribed to co-partitioned topics thus get the same partition
 * numbers of each (what joins need). Not sticky. Stateless; thread-safe.
 */
public final class RangeAssignor implements PartitionAssignor {
    public static final String NAME = "range";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, TopicPartitions> assign(AssignmentSpec spec) {
        Map<String, TopicPartitions> result = spec.emptyTargets();
        for (Map.Entry<Uuid, List<String>> entry : spec.subscribersByTopic().entrySet()) {
            Uuid topicId = entry.getKey();
            List<String> subscribers = entry.getValue();
            int partitions = spec.partitionCounts().get(topicId);
            int base = partitions / subscribers.size();
            int extra = partitions % subscribers.size();
            int next = 0;
            for (int i = 0; i < subscribers.size(); i++) {
                int count = base + (i < extra ? 1 : 0);
                TopicPartitions target = result.get(subscribers.get(i));
                for (int partition = next; partition < next + count; partition++) {
                    target.add(topicId, partition);
                }
                next += count;
            }
        }
        return result;
    }
}
