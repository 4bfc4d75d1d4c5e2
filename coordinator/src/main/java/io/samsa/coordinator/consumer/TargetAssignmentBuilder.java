package io.samsa.coordinator.consumer;

import io.samsa.coordinator.consumer.assignor.AssignmentSpec;
import io.samsa.coordinator.consumer.assignor.PartitionAssignor;
import io.samsa.coordinator.consumer.assignor.TopicPartitions;
import io.samsa.protocol.types.Uuid;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Computes a consumer group's new target assignment with the group's assignor: the one most of
 * its members ask for ({@code ServerAssignor}, ties to the lower name), else the first of
 * {@code group.consumer.assignors}. Pure; thread-safe.
 */
public final class TargetAssignmentBuilder {
    private TargetAssignmentBuilder() {
    }

    /** @return the assignor the group uses with these members */
    public static PartitionAssignor assignorFor(Collection<ConsumerGroupMember> members, List<PartitionAssignor> assignors) {
        Map<String, Integer> votes = new TreeMap<>();
        for (ConsumerGroupMember member : members) {
            if (member.serverAssignor() != null && !member.serverAssignor().isEmpty()) {
                votes.merge(member.serverAssignor(), 1, Integer::sum);
            }
        }
        String chosen = null;
        int most = 0;
        for (Map.Entry<String, Integer> vote : votes.entrySet()) {
            if (vote.getValue() > most) {
                chosen = vote.getKey();
                most = vote.getValue();
            }
        }
        for (PartitionAssignor assignor : assignors) {
            if (assignor.name().equals(chosen)) {
                return assignor;
            }
        }
        return assignors.get(0);
    }

    /**
     * @param members        every member of the group, by id (away static members included: they keep their share)
     * @param currentTargets the current target by member id
     * @param resolved       the subscribed topics that exist
     * @return the new target of every member
     */
    public static Map<String, Assignment> build(Map<String, ConsumerGroupMember> members, Map<String, Assignment> currentTargets,
                                                SortedMap<Uuid, TopicLookup.TopicMetadata> resolved, SubscribedTopics topics,
                                                PartitionAssignor assignor) {
        SortedMap<String, AssignmentSpec.MemberSpec> specs = new TreeMap<>();
        members.forEach((memberId, member) -> specs.put(memberId, new AssignmentSpec.MemberSpec(
                topics.topicsOf(member, resolved),
                currentTargets.getOrDefault(memberId, Assignment.EMPTY).partitions())));
        Map<String, TopicPartitions> assigned = assignor.assign(new AssignmentSpec(specs, SubscribedTopics.partitionCounts(resolved)));
        Map<String, Assignment> result = new TreeMap<>();
        for (String memberId : members.keySet()) {
            TopicPartitions partitions = assigned.get(memberId);
            result.put(memberId, partitions == null ? Assignment.EMPTY : Assignment.of(partitions.partitions()));
        }
        return result;
    }
}
