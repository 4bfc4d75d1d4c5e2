package io.samsa.coordinator.offsets;

import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.consumer.ConsumerGroupMember;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.ConsumerSubscriptions;
import io.samsa.coordinator.records.CoordinatorRecord;
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
 * <li>A consumer group (KIP-848): GROUP_SUBSCRIBED_TO_TOPIC for a topic a member names, and for
 *     every topic while a member subscribes by regular expression.</li>
 * <li>Any other partition: NONE, whether or not it had a commit.</li>
 * </ul>
 * Stateless; thread-safe.
 */
public final class OffsetDeleteHandler {

    public CoordinatorResult<OffsetDeleteResponse> delete(OffsetsContext shard, OffsetDeleteRequest request) {
        String groupId = request.groupId();
        ClassicGroup group = shard.groups().group(groupId);
        OffsetStore offsets = shard.offsets();
        ConsumerGroup consumerGroup = shard.consumerGroups().group(groupId);
        if (group == null && consumerGroup == null && !offsets.hasOffsets(groupId)) {
            return CoordinatorResult.response(OffsetDeleteResponse.failed(ErrorCode.GROUP_ID_NOT_FOUND));
        }
        if (group != null && !group.isInState(ClassicGroupState.EMPTY)
                && !ConsumerSubscriptions.CONSUMER_PROTOCOL_TYPE.equals(group.protocolType())) {
            return CoordinatorResult.response(OffsetDeleteResponse.failed(ErrorCode.NON_EMPTY_GROUP));
        }
        List<CoordinatorRecord> records = new ArrayList<>();
        List<PartitionResult> results = new ArrayList<>(request.partitions().size());
        for (TopicPartition partition : request.partitions()) {
            if ((group != null && ConsumerSubscriptions.isSubscribedToTopic(group, partition.topic()))
                    || (consumerGroup != null && subscribesByName(consumerGroup, partition.topic()))) {
                results.add(new PartitionResult(partition.topic(), partition.partition(), ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC));
                continue;
            }
            if (offsets.offset(groupId, partition) != null) {
                records.add(OffsetCommitRecords.newOffsetCommitTombstoneRecord(groupId, partition.topic(), partition.partition()));
            }
            results.add(new PartitionResult(partition.topic(), partition.partition(), ErrorCode.NONE));
        }
        return CoordinatorResult.of(records, new OffsetDeleteResponse(ErrorCode.NONE, results));
    }

    /** @return true when a member of the consumer group names {@code topic}, or subscribes by regular expression (counted as subscribed) */
    private static boolean subscribesByName(ConsumerGroup group, String topic) {
        for (ConsumerGroupMember member : group.members()) {
            if (member.subscribedTopicNames().contains(topic) || member.subscribedTopicRegex() != null) {
                return true;
            }
        }
        return false;
    }
}
