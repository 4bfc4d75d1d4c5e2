package io.samsa.coordinator.consumer;

import io.samsa.protocol.types.Uuid;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Moves one member towards its target assignment (KIP-848's reconciliation), so that no partition
 * ever has two owners:
 * <ol>
 * <li>Partitions the member owns but the target no longer gives it are revoked first: the member
 *     keeps its epoch, owns only what it keeps, and enters {@link MemberState#UNREVOKED_PARTITIONS}
 *     until a heartbeat's owned partitions show it let them go.</li>
 * <li>Then the member moves to the target's epoch and gets the new partitions that no other member
 *     holds (owns, or is still revoking); the others wait in
 *     {@link MemberState#UNRELEASED_PARTITIONS} and are handed over by later heartbeats once free.</li>
 * </ol>
 * Pure: reads its arguments, returns the next member. Stateless; thread-safe.
 */
public final class MemberReconciler {
    private MemberReconciler() {
    }

    /**
     * @param member      the member as it is now
     * @param targetEpoch the epoch of the group's target assignment
     * @param target      the member's part of that target
     * @param owned       the partitions the member says it owns, or null when the heartbeat did not say
     * @param owners      for every held partition of the group, the member holding it; asked only when
     *                    the member may take new partitions (a stable member at the target epoch costs nothing)
     * @return the member after this step (the same object when nothing changes)
     */
    public static ConsumerGroupMember reconcile(ConsumerGroupMember member, int targetEpoch, Assignment target,
                                                Assignment owned, Supplier<Map<Uuid, Map<Integer, String>>> owners) {
        return switch (member.state()) {
            case STABLE -> member.memberEpoch() == targetEpoch ? member : nextStep(member, targetEpoch, target, owners);
            case UNREVOKED_PARTITIONS -> owned != null && !owned.overlaps(member.pendingRevocation())
                    ? nextStep(member, targetEpoch, target, owners) : member;
            case UNRELEASED_PARTITIONS -> nextStep(member, targetEpoch, target, owners);
        };
    }

    private static ConsumerGroupMember nextStep(ConsumerGroupMember member, int targetEpoch, Assignment target,
                                                Supplier<Map<Uuid, Map<Integer, String>>> ownersOfGroup) {
        Assignment kept = member.assigned().intersect(target);
        Assignment revoked = member.assigned().minus(target);
        if (!revoked.isEmpty()) {
            return member.withAssignment(member.memberEpoch(), member.previousMemberEpoch(), MemberState.UNREVOKED_PARTITIONS,
                    kept, revoked);
        }
        Map<Uuid, Set<Integer>> free = new TreeMap<>();
        boolean unreleased = false;
        Assignment wanted = target.minus(kept);
        Map<Uuid, Map<Integer, String>> owners = wanted.isEmpty() ? Map.of() : ownersOfGroup.get();
        for (Map.Entry<Uuid, SortedSet<Integer>> entry : wanted.partitions().entrySet()) {
            Map<Integer, String> holders = owners.getOrDefault(entry.getKey(), Map.of());
            for (int partition : entry.getValue()) {
                String holder = holders.get(partition);
                if (holder == null || holder.equals(member.memberId())) {
                    free.computeIfAbsent(entry.getKey(), id -> new TreeSet<>()).add(partition);
                } else {
                    unreleased = true;
                }
            }
        }
        int previousEpoch = member.memberEpoch() == targetEpoch ? member.previousMemberEpoch() : member.memberEpoch();
        ConsumerGroupMember next = member.withAssignment(targetEpoch, previousEpoch,
                unreleased ? MemberState.UNRELEASED_PARTITIONS : MemberState.STABLE, kept.union(Assignment.of(free)), Assignment.EMPTY);
        return next.sameAssignmentAs(member) ? member : next;
    }
}
