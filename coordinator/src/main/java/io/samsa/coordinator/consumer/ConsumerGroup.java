package io.samsa.coordinator.consumer;

import io.samsa.coordinator.timeline.SnapshotRegistry;
import io.samsa.coordinator.timeline.TimelineHashMap;
import io.samsa.coordinator.timeline.TimelineValue;
import io.samsa.protocol.types.Uuid;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The durable state of one consumer group (KIP-848): its epoch and subscribed-topics hash, its
 * members, and the target assignment with the epoch it was computed for. Every field is a timeline
 * structure of the shard's registry, so a failed append reverts it; only the {@code replay...}
 * methods, called by {@link ConsumerGroupStore}, change it.
 *
 * <p>The group's state is computed, never stored ({@link #state()}).
 *
 * <p>Not thread-safe: owned by the shard's event thread.
 */
public final class ConsumerGroup {
    private final String groupId;
    private final TimelineValue<Integer> groupEpoch;
    private final TimelineValue<Long> metadataHash;
    private final TimelineValue<Integer> targetAssignmentEpoch;
    private final TimelineHashMap<String, ConsumerGroupMember> members;
    private final TimelineHashMap<String, Assignment> targetAssignment;
    private final TimelineHashMap<String, String> memberIdByInstanceId;

    ConsumerGroup(String groupId, SnapshotRegistry registry) {
        this.groupId = groupId;
        this.groupEpoch = new TimelineValue<>(registry, 0);
        this.metadataHash = new TimelineValue<>(registry, 0L);
        this.targetAssignmentEpoch = new TimelineValue<>(registry, 0);
        this.members = new TimelineHashMap<>(registry);
        this.targetAssignment = new TimelineHashMap<>(registry);
        this.memberIdByInstanceId = new TimelineHashMap<>(registry);
    }

    public String groupId() {
        return groupId;
    }

    public int groupEpoch() {
        return groupEpoch.get();
    }

    public long metadataHash() {
        return metadataHash.get();
    }

    public int targetAssignmentEpoch() {
        return targetAssignmentEpoch.get();
    }

    /** @return the member, or null */
    public ConsumerGroupMember member(String memberId) {
        return members.get(memberId);
    }

    /** @return every member (unmodifiable live view; do not hold across events) */
    public Collection<ConsumerGroupMember> members() {
        return members.values();
    }

    public int size() {
        return members.size();
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** @return the member id holding static instance {@code instanceId}, or null */
    public String memberIdOfInstance(String instanceId) {
        return instanceId == null ? null : memberIdByInstanceId.get(instanceId);
    }

    /** @return the member's target, empty when it has none */
    public Assignment targetAssignment(String memberId) {
        Assignment target = targetAssignment.get(memberId);
        return target == null ? Assignment.EMPTY : target;
    }

    /** @return a copy of the whole target assignment by member id */
    public Map<String, Assignment> targetAssignment() {
        return targetAssignment.toMap();
    }

    /** @return the group's state, computed from its epochs and members */
    public ConsumerGroupState state() {
        if (members.isEmpty()) {
            return ConsumerGroupState.EMPTY;
        }
        if (targetAssignmentEpoch.get() != groupEpoch.get()) {
            return ConsumerGroupState.ASSIGNING;
        }
        for (ConsumerGroupMember member : members.values()) {
            if (member.memberEpoch() != targetAssignmentEpoch.get() || member.state() != MemberState.STABLE) {
                return ConsumerGroupState.RECONCILING;
            }
        }
        return ConsumerGroupState.STABLE;
    }

    /**
     * @return for every partition some member owns or is still revoking, that member's id; a
     *         partition is handed to a new owner only once it is absent here
     */
    public Map<Uuid, Map<Integer, String>> partitionOwners() {
        Map<Uuid, Map<Integer, String>> owners = new HashMap<>();
        for (ConsumerGroupMember member : members.values()) {
            member.held().partitions().forEach((topicId, partitions) -> {
                Map<Integer, String> byPartition = owners.computeIfAbsent(topicId, id -> new HashMap<>());
                partitions.forEach(partition -> byPartition.put(partition, member.memberId()));
            });
        }
        return owners;
    }

    void replayMetadata(int epoch, long hash) {
        groupEpoch.set(epoch);
        metadataHash.set(hash);
    }

    void replayTargetAssignmentEpoch(int epoch) {
        targetAssignmentEpoch.set(epoch);
    }

    /** @param target null for a tombstone */
    void replayTargetAssignment(String memberId, Assignment target) {
        if (target == null) {
            targetAssignment.remove(memberId);
        } else {
            targetAssignment.put(memberId, target);
        }
    }

    /** Installs the identity and subscription of {@code metadata}, creating the member when new. */
    void replayMemberMetadata(ConsumerGroupMember metadata) {
        ConsumerGroupMember existing = members.get(metadata.memberId());
        ConsumerGroupMember updated = existing == null ? metadata : existing.withMetadataOf(metadata);
        putMember(existing, updated);
    }

    /** Installs the reconciliation fields of {@code assignment}, creating the member when new. */
    void replayCurrentAssignment(String memberId, ConsumerGroupMember assignment) {
        ConsumerGroupMember existing = members.get(memberId);
        ConsumerGroupMember base = existing == null ? ConsumerGroupMember.joining(memberId) : existing;
        putMember(existing, base.withAssignmentOf(assignment));
    }

    /** A current-assignment tombstone: the member, if still here, owns nothing. */
    void replayCurrentAssignmentTombstone(String memberId) {
        ConsumerGroupMember existing = members.get(memberId);
        if (existing != null) {
            putMember(existing, existing.withAssignment(0, 0, MemberState.STABLE, Assignment.EMPTY, Assignment.EMPTY));
        }
    }

    void removeMember(String memberId) {
        ConsumerGroupMember removed = members.remove(memberId);
        if (removed != null && removed.instanceId() != null && memberId.equals(memberIdByInstanceId.get(removed.instanceId()))) {
            memberIdByInstanceId.remove(removed.instanceId());
        }
    }

    private void putMember(ConsumerGroupMember existing, ConsumerGroupMember updated) {
        if (existing != null && existing.instanceId() != null && !existing.instanceId().equals(updated.instanceId())
                && existing.memberId().equals(memberIdByInstanceId.get(existing.instanceId()))) {
            memberIdByInstanceId.remove(existing.instanceId());
        }
        members.put(updated.memberId(), updated);
        if (updated.instanceId() != null) {
            memberIdByInstanceId.put(updated.instanceId(), updated.memberId());
        }
    }
}
