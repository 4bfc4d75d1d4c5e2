package io.samsa.coordinator.offsets;

import io.samsa.coordinator.GroupCoordinatorShard;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.ConsumerSubscriptions;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.records.GroupCoordinatorRecords;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * OffsetDelete (KIP-496): writes a tombstone for each requested partition that has a commit.
 * <ul>
 * <li>A group with neither metadata nor offsets: GROUP_ID_NOT_FOUND.</li>
 * <li>A non-empty group that is not a consumer group: NON_EMPTY_GROUP.</li>
 * <li>A partition of a topic the group is subscribed to: GROUP_SUBSCRIBED_TO_TOPIC (an Empty group
 *     subscribes to nothing; unknown subscriptions of a consumer group count as subscribed).</li>
 * <li>Any other partition: NONE, whether or not it had a commit.</li>
 * </ul>
 * Stateless; thread-safe.
 */
public final class OffsetDeleteHandler {

    public CoordinatorResult<OffsetDeleteResponse> delete(GroupCoordinatorShard shard, OffsetDeleteRequest request) {
        String groupId = request.groupId();
        ClassicGroup group = shard.groups().group(groupId);
        OffsetStore offsets = shard.offsets();
        if (group == null && !offsets.hasOffsets(groupId)) {
            return CoordinatorResult.response(OffsetDeleteResponse.failed(ErrorCode.GROUP_ID_NOT_FOUND));
        }
        if (group != null && !group.isInState(ClassicGroupState.EMPTY)
                && !ConsumerSubscriptions.CONSUMER_PROTOCOL_TYPE.equals(group.protocolType())) {
            return CoordinatorResult.response(OffsetDeleteResponse.failed(ErrorCode.NON_EMPTY_GROUP));
        }
        List<CoordinatorRecord> records = new ArrayList<>();
        List<PartitionResult> results = new ArrayList<>(request.partitions().size());
        for (TopicPartition partition : request.partitions()) {
            if (group != null && ConsumerSubscriptions.isSubscribedToTopic(group, partition.topic())) {
                results.add(new PartitionResult(partition.topic(), partition.partition(), ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC));
                continue;
            }
            if (offsets.offset(groupId, partition) != null) {
                records.add(GroupCoordinatorRecords.newOffsetCommitTombstoneRecord(groupId, partition.topic(), partition.partition()));
            }
            results.add(new PartitionResult(partition.topic(), partition.partition(), ErrorCode.NONE));
        }
        return CoordinatorResult.of(records, new OffsetDeleteResponse(ErrorCode.NONE, results));
    }
}
