package io.samsa.coordinator.consumer;

import io.samsa.coordinator.records.CoordinatorRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The records that remove a member from a consumer group, in Kafka's order: its current
 * assignment, its target and its metadata are deleted, then the group epoch is bumped, so the next
 * heartbeat of any other member computes a target without it. When the member was the last one
 * the group stays, Empty, with its offsets. The member's timers are cancelled. Used by a leave, a
 * session timeout, a revocation timeout and a static member's replacement.
 *
 * <p>Stateless; thread-safe.
 */
public final class MemberRemoval {
    private MemberRemoval() {
    }

    /**
     * @param bumpEpoch false when the caller writes the group's next epoch itself
     * @return the records removing {@code memberId} from {@code group}
     */
    public static List<CoordinatorRecord> records(ConsumerGroupContext context, ConsumerGroup group, String memberId, boolean bumpEpoch) {
        String groupId = group.groupId();
        List<CoordinatorRecord> records = new ArrayList<>(4);
        records.add(ConsumerGroupRecords.newCurrentAssignmentTombstoneRecord(groupId, memberId));
        records.add(ConsumerGroupRecords.newTargetAssignmentTombstoneRecord(groupId, memberId));
        records.add(ConsumerGroupRecords.newMemberMetadataTombstoneRecord(groupId, memberId));
        if (bumpEpoch) {
            records.add(ConsumerGroupRecords.newGroupMetadataRecord(groupId, group.groupEpoch() + 1, group.metadataHash()));
        }
        cancelTimers(context, groupId, memberId);
        return records;
    }

    /**
     * @return the records removing {@code memberId}, bumping the epoch; or, when that leaves only
     *         classic-protocol members and the policy allows, those turning the group into a classic group
     */
    public static List<CoordinatorRecord> recordsOrDowngrade(ConsumerGroupContext context, ConsumerGroup group, String memberId) {
        List<CoordinatorRecord> downgrade = context.classicGroups().downgrade(group, Set.of(memberId));
        if (downgrade == null) {
            return records(context, group, memberId, true);
        }
        group.members().forEach(member -> cancelTimers(context, group.groupId(), member.memberId()));
        return downgrade;
    }

    /** Cancels every deadline of the member: its session, its revocation and a classic member's join and sync. */
    public static void cancelTimers(ConsumerGroupContext context, String groupId, String memberId) {
        context.timer().cancel(new ConsumerTimerKey.Session(groupId, memberId));
        context.timer().cancel(new ConsumerTimerKey.Revocation(groupId, memberId));
        context.timer().cancel(new ConsumerTimerKey.ClassicJoin(groupId, memberId));
        context.timer().cancel(new ConsumerTimerKey.ClassicSync(groupId, memberId));
    }
}
