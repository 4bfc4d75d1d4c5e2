package io.samsa.coordinator.admin;

import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.consumer.ConsumerGroupRecords;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.offsets.CommittedOffset;
import io.samsa.coordinator.offsets.OffsetCommitRecords;
import io.samsa.coordinator.offsets.OffsetsContext;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DeleteGroups for the groups of one shard, in one write: an Empty group (or an offsets-only one)
 * is deleted with a tombstone for each of its offsets and one for its metadata; an unknown group
 * gets GROUP_ID_NOT_FOUND and a group with members NON_EMPTY_GROUP. A consumer group (KIP-848)
 * likewise, with its own records. Stateless; thread-safe.
 */
public final class DeleteGroupsHandler {

    /** @return per group id, in request order, NONE or why it was not deleted */
    public CoordinatorResult<Map<String, ErrorCode>> delete(OffsetsContext shard, List<String> groupIds) {
        List<CoordinatorRecord> records = new ArrayList<>();
        Map<String, ErrorCode> results = new LinkedHashMap<>();
        for (String groupId : groupIds) {
            if (results.containsKey(groupId)) {
                continue;
            }
            ConsumerGroup consumerGroup = shard.consumerGroups().group(groupId);
            if (consumerGroup != null) {
                results.put(groupId, deleteConsumerGroup(shard, consumerGroup, records));
                continue;
            }
            ClassicGroup group = GroupView.find(shard, groupId);
            if (group == null) {
                results.put(groupId, ErrorCode.GROUP_ID_NOT_FOUND);
                continue;
            }
            if (!group.isInState(ClassicGroupState.EMPTY)) {
                results.put(groupId, ErrorCode.NON_EMPTY_GROUP);
                continue;
            }
            for (Map.Entry<TopicPartition, CommittedOffset> offset : shard.offsets().offsets(groupId)) {
                records.add(OffsetCommitRecords.newOffsetCommitTombstoneRecord(groupId, offset.getKey().topic(), offset.getKey().partition()));
            }
            if (shard.groups().group(groupId) != null) {
                records.add(GroupCoordinatorRecords.newGroupMetadataTombstoneRecord(groupId));
            }
            results.put(groupId, ErrorCode.NONE);
        }
        return CoordinatorResult.of(records, results);
    }

    /** A consumer group goes when empty: its offsets, its target epoch, then its metadata (Kafka's order). */
    private static ErrorCode deleteConsumerGroup(OffsetsContext shard, ConsumerGroup group, List<CoordinatorRecord> records) {
        if (!group.isEmpty()) {
            return ErrorCode.NON_EMPTY_GROUP;
        }
        String groupId = group.groupId();
        for (Map.Entry<TopicPartition, CommittedOffset> offset : shard.offsets().offsets(groupId)) {
            records.add(OffsetCommitRecords.newOffsetCommitTombstoneRecord(groupId, offset.getKey().topic(), offset.getKey().partition()));
        }
        group.targetAssignment().keySet().forEach(memberId ->
                records.add(ConsumerGroupRecords.newTargetAssignmentTombstoneRecord(groupId, memberId)));
        records.add(ConsumerGroupRecords.newTargetAssignmentEpochTombstoneRecord(groupId));
        records.add(ConsumerGroupRecords.newGroupMetadataTombstoneRecord(groupId));
        return ErrorCode.NONE;
    }
}
