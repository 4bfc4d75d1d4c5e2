package io.samsa.coordinator.migration;

import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.consumer.ConsumerGroupContext;
import io.samsa.coordinator.consumer.ConsumerGroupRecords;
import io.samsa.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic JoinGroup to a consumer group without members replaces it, as Kafka's
 * {@code maybeDeleteEmptyConsumerGroup} does: the consumer group's target-epoch and group
 * tombstones are written ahead of the classic group's first record, in the same append (so the
 * two group types never hold one id together; the group's committed offsets stay). A join that
 * writes nothing (an error, MEMBER_ID_REQUIRED) leaves the consumer group as it is.
 *
 * <p>Stateless; thread-safe.
 */
public final class EmptyConsumerGroupReplacement {
    private EmptyConsumerGroupReplacement() {
    }

    /** @return true when a consumer group without members holds {@code groupId} */
    public static boolean holdsEmptyConsumerGroup(ConsumerGroupContext context, String groupId) {
        ConsumerGroup group = context.consumerGroups().group(groupId);
        return group != null && group.isEmpty();
    }

    /**
     * @param join the classic join's result, computed as if no group held the id
     * @return {@code join} with the consumer group's tombstones first, appended (not only replayed)
     *         since they delete a persisted group; {@code join} itself when it writes nothing
     */
    public static <T> CoordinatorResult<T> replacing(String groupId, CoordinatorResult<T> join) {
        if (join.records().isEmpty()) {
            return join;
        }
        List<Object> records = new ArrayList<>(join.records().size() + 2);
        records.add(ConsumerGroupRecords.newTargetAssignmentEpochTombstoneRecord(groupId));
        records.add(ConsumerGroupRecords.newGroupMetadataTombstoneRecord(groupId));
        records.addAll(join.records());
        return CoordinatorResult.of(records, join.response()).whenAppended(join.appendListener());
    }
}
