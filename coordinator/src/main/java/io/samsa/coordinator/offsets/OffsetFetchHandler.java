package io.samsa.coordinator.offsets;

import io.samsa.coordinator.consumer.ConsumerGroup;
import io.samsa.coordinator.consumer.ConsumerOffsetValidation;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * OffsetFetch for one group: a read; partitions without a commit answer offset -1, and an unknown
 * group simply has no commits. Asking for all partitions returns every committed one, sorted by
 * topic then partition. A consumer group's member must name itself with its current epoch
 * ({@link ConsumerOffsetValidation}). Stateless; thread-safe.
 */
public final class OffsetFetchHandler {

    public OffsetFetchResponse fetch(OffsetsContext shard, OffsetFetchRequest request) {
        ConsumerGroup consumerGroup = shard.consumerGroups().group(request.groupId());
        if (consumerGroup != null) {
            ErrorCode error = ConsumerOffsetValidation.validateFetch(consumerGroup, request.memberId(), request.memberEpoch());
            if (error != ErrorCode.NONE) {
                return OffsetFetchResponse.failed(error);
            }
        }
        OffsetStore offsets = shard.offsets();
        List<OffsetFetchResponse.PartitionOffset> results = new ArrayList<>();
        if (request.partitions() == null) {
            List<Map.Entry<TopicPartition, CommittedOffset>> all = new ArrayList<>(offsets.offsets(request.groupId()));
            all.sort(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition)));
            for (Map.Entry<TopicPartition, CommittedOffset> entry : all) {
                results.add(found(entry.getKey(), entry.getValue()));
            }
        } else {
            for (TopicPartition partition : request.partitions()) {
                CommittedOffset offset = offsets.offset(request.groupId(), partition);
                results.add(offset == null
                        ? new OffsetFetchResponse.PartitionOffset(partition.topic(), partition.partition(),
                                OffsetFetchResponse.NO_OFFSET, CommittedOffset.NO_LEADER_EPOCH, "", ErrorCode.NONE)
                        : found(partition, offset));
            }
        }
        return new OffsetFetchResponse(ErrorCode.NONE, results);
    }

    private static OffsetFetchResponse.PartitionOffset found(TopicPartition partition, CommittedOffset offset) {
        return new OffsetFetchResponse.PartitionOffset(partition.topic(), partition.partition(), offset.offset(),
                offset.leaderEpoch(), offset.metadata(), ErrorCode.NONE);
    }
}
