package io.samsa.coordinator.consumer;

import io.samsa.coordinator.records.CoordinatorRecord;
import java.util.ArrayList;
import java.util.List;

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
        context.timer().cancel(new ConsumerTimerKey.Session(groupId, memberId));
        context.timer().cancel(new ConsumerTimerKey.Revocation(groupId, memberId));
        return records;
    }
}
