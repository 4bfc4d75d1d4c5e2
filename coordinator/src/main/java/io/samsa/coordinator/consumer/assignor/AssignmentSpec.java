package io.samsa.coordinator.consumer.assignor;

import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an assignor is given. Immutable; thread-safe.
 *
 * @param members         by member id (sorted, so iteration order is deterministic)
 * @param partitionCounts the partition count of every subscribed topic that exists, by topic id
 */
public record AssignmentSpec(SortedMap<String, MemberSpec> members, SortedMap<Uuid, Integer> partitionCounts) {

    public AssignmentSpec {
        members = new TreeMap<>(members);
        partitionCounts = new TreeMap<>(partitionCounts);
    }

    /**
     * One member's part of the spec.
     *
     * @param subscribedTopicIds the topics it subscribes to that exist
     * @param currentTarget      its part of the current target assignment, by topic id
     */
    public record MemberSpec(Set<Uuid> subscribedTopicIds, Map<Uuid, ? extends Set<Integer>> currentTarget) {
        public MemberSpec {
            subscribedTopicIds = Set.copyOf(subscribedTopicIds);
            Objects.requireNonNull(currentTarget, "currentTarget");
        }
    }

    /** @return an empty, growable target for every member, by member id: what an assignor fills */
    public Map<String, TopicPartitions> emptyTargets() {
        Map<String, TopicPartitions> targets = new TreeMap<>();
        members.keySet().forEach(memberId -> targets.put(memberId, new TopicPartitions()));
        return targets;
    }

    /** @return for each subscribed topic that exists, its subscribers in member-id order */
    public Map<Uuid, List<String>> subscribersByTopic() {
        Map<Uuid, List<String>> subscribers = new TreeMap<>();
        members.forEach((memberId, member) -> {
            for (Uuid topicId : member.subscribedTopicIds()) {
                if (partitionCounts.containsKey(topicId)) {
                    subscribers.computeIfAbsent(topicId, id -> new ArrayList<>()).add(memberId);
                }
            }
        });
        return subscribers;
    }

    /** @return true when every member subscribes to the same topics */
    public boolean isHomogeneous() {
        Set<Uuid> first = null;
        for (MemberSpec member : members.values()) {
            if (first == null) {
                first = member.subscribedTopicIds();
            } else if (!first.equals(member.subscribedTopicIds())) {
                return false;
            }
        }
        return true;
    }
}
