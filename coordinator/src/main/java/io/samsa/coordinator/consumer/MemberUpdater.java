package io.samsa.coordinator.consumer;

import io.samsa.coordinator.consumer.assignor.PartitionAssignor;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.protocol.types.Uuid;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The step every request that joins or updates a consumer-group member shares, whichever protocol
 * the member speaks (a ConsumerGroupHeartbeat, or a classic member's JoinGroup during online
 * migration): write the member's metadata when it changed, bump the group epoch when the member is
 * new, its subscription changed or the subscribed topics' metadata hash moved, compute a new target
 * when the epoch moved ({@link TargetAssignmentBuilder}), then take the member's next
 * reconciliation step ({@link MemberReconciler}). Records only; no state is changed.
 *
 * <p>Stateless apart from its config and topic view; thread-safe.
 */
public final class MemberUpdater {
    private final ConsumerGroupConfig config;
    private final SubscribedTopics topics;

    public MemberUpdater(ConsumerGroupConfig config, SubscribedTopics topics) {
        this.config = config;
        this.topics = topics;
    }

    /**
     * @param group    the group, or null when the member creates it
     * @param existing the member as the group has it, or null for a new member
     * @param member   the member with the request's metadata (epochs and partitions still {@code existing}'s)
     * @param members  every member by id, the others as the group has them (changed here: {@code member} is put)
     * @param targets  the current target assignment by member id (replaced here when a new target is computed)
     * @param owned    the partitions the member says it owns, or null when it did not say
     * @param records  the operation's records so far; this step's are appended
     * @return the member after its reconciliation step
     */
    public ConsumerGroupMember update(String groupId, ConsumerGroup group, ConsumerGroupMember existing, ConsumerGroupMember member,
                                      Map<String, ConsumerGroupMember> members, Map<String, Assignment> targets,
                                      Assignment owned, List<CoordinatorRecord> records) {
        boolean bump = existing == null || !member.sameSubscriptionAs(existing);
        if (existing == null || !member.sameMetadataAs(existing)) {
            records.add(ConsumerGroupRecords.newMemberMetadataRecord(groupId, member));
        }
        members.put(member.memberId(), member);
        SortedMap<Uuid, TopicLookup.TopicMetadata> resolved = topics.resolve(members.values());
        long hash = SubscribedTopics.metadataHash(resolved);
        int groupEpoch = group == null ? 0 : group.groupEpoch();
        if (bump || group == null || hash != group.metadataHash()) {
            groupEpoch++;
            records.add(ConsumerGroupRecords.newGroupMetadataRecord(groupId, groupEpoch, hash));
        }
        int targetEpoch = group == null ? 0 : group.targetAssignmentEpoch();
        if (groupEpoch > targetEpoch) {
            PartitionAssignor assignor = TargetAssignmentBuilder.assignorFor(members.values(), config.assignors());
            Map<String, Assignment> next = TargetAssignmentBuilder.build(members, targets, resolved, topics, assignor);
            next.forEach((id, target) -> {
                if (!target.equals(targets.getOrDefault(id, Assignment.EMPTY)) || !targets.containsKey(id)) {
                    records.add(ConsumerGroupRecords.newTargetAssignmentRecord(groupId, id, target));
                }
            });
            records.add(ConsumerGroupRecords.newTargetAssignmentEpochRecord(groupId, groupEpoch));
            targets.clear();
            targets.putAll(next);
            targetEpoch = groupEpoch;
        }
        ConsumerGroupMember reconciled = MemberReconciler.reconcile(member, targetEpoch,
                targets.getOrDefault(member.memberId(), Assignment.EMPTY), owned,
                () -> group == null ? Map.of() : group.partitionOwners());
        if (existing == null || !reconciled.sameAssignmentAs(existing)) {
            records.add(ConsumerGroupRecords.newCurrentAssignmentRecord(groupId, reconciled));
        }
        return reconciled;
    }

    /** @return a copy of the group's members by id, in id order (empty for no group) */
    public static Map<String, ConsumerGroupMember> membersOf(ConsumerGroup group) {
        Map<String, ConsumerGroupMember> members = new TreeMap<>();
        if (group != null) {
            group.members().forEach(each -> members.put(each.memberId(), each));
        }
        return members;
    }

    /** @return a copy of the group's target assignment by member id, in id order (empty for no group) */
    public static Map<String, Assignment> targetsOf(ConsumerGroup group) {
        return group == null ? new TreeMap<>() : new TreeMap<>(group.targetAssignment());
    }
}
