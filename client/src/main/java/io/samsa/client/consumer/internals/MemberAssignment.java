package io.samsa.client.consumer.internals;

import io.samsa.protocol.message.ConsumerGroupHeartbeatRequest;
import io.samsa.protocol.message.ConsumerGroupHeartbeatResponse;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A consumer-protocol assignment as the broker speaks it: partition indexes by topic id (names are
 * resolved through metadata only when the application thread reconciles).
 *
 * @param partitions partitions per topic id; no empty sets
 *
 * Immutable.
 */
public record MemberAssignment(Map<Uuid, SortedSet<Integer>> partitions) {
    public static final MemberAssignment EMPTY = new MemberAssignment(Map.of());

    public MemberAssignment {
        TreeMap<Uuid, SortedSet<Integer>> copy = new TreeMap<>();
        partitions.forEach((id, ps) -> {
            if (!ps.isEmpty()) {
                copy.put(id, Collections.unmodifiableSortedSet(new TreeSet<>(ps)));
            }
        });
        partitions = Collections.unmodifiableSortedMap(copy);
    }

    /** The assignment of a heartbeat response. */
    public static MemberAssignment from(ConsumerGroupHeartbeatResponse.Assignment assignment) {
        Map<Uuid, SortedSet<Integer>> partitions = new TreeMap<>();
        for (ConsumerGroupHeartbeatResponse.TopicPartitions topic : assignment.topicPartitions()) {
            partitions.computeIfAbsent(topic.topicId(), id -> new TreeSet<>()).addAll(topic.partitions());
        }
        return new MemberAssignment(partitions);
    }

    /** The request form, to acknowledge what the member owns. */
    public List<ConsumerGroupHeartbeatRequest.TopicPartitions> toRequest() {
        List<ConsumerGroupHeartbeatRequest.TopicPartitions> topics = new ArrayList<>();
        partitions.forEach((id, ps) -> topics.add(new ConsumerGroupHeartbeatRequest.TopicPartitions()
            .setTopicId(id).setPartitions(new ArrayList<>(ps))));
        return topics;
    }

    public boolean isEmpty() {
        return partitions.isEmpty();
    }
}
