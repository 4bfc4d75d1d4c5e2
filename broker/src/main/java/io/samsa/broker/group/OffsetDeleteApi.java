package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.offsets.OffsetDeleteRequest;
import io.samsa.coordinator.offsets.OffsetDeleteResponse;
import io.samsa.coordinator.offsets.PartitionResult;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.OffsetDeleteRequest.OffsetDeleteRequestPartition;
import io.samsa.protocol.message.OffsetDeleteRequest.OffsetDeleteRequestTopic;
import io.samsa.protocol.message.OffsetDeleteResponse.OffsetDeleteResponsePartition;
import io.samsa.protocol.message.OffsetDeleteResponse.OffsetDeleteResponseTopic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * OffsetDelete (v0) to the coordinator and back: each partition carries its own result
 * (UNKNOWN_TOPIC_OR_PARTITION for one that does not exist, GROUP_SUBSCRIBED_TO_TOPIC while the group
 * consumes the topic); a group-level error leaves out the partitions of existing topics, as Kafka's
 * merged response does. Thread-safe.
 */
final class OffsetDeleteApi extends GroupApiHandler<io.samsa.protocol.message.OffsetDeleteRequest,
        io.samsa.protocol.message.OffsetDeleteResponse> {

    OffsetDeleteApi(Supplier<GroupCoordinatorService> coordinator) {
        super(ApiKey.OFFSET_DELETE, coordinator);
    }

    @Override
    protected CompletableFuture<io.samsa.protocol.message.OffsetDeleteResponse> handle(RequestContext context,
            io.samsa.protocol.message.OffsetDeleteRequest request) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (OffsetDeleteRequestTopic topic : request.topics()) {
            for (OffsetDeleteRequestPartition partition : topic.partitions()) {
                partitions.add(new TopicPartition(topic.name(), partition.partitionIndex()));
            }
        }
        return coordinator().deleteOffsets(new OffsetDeleteRequest(request.groupId(), partitions))
                .thenApply(OffsetDeleteApi::toResponse);
    }

    private static io.samsa.protocol.message.OffsetDeleteResponse toResponse(OffsetDeleteResponse result) {
        Map<String, List<OffsetDeleteResponsePartition>> byTopic = new LinkedHashMap<>();
        for (PartitionResult partition : result.partitions()) {
            byTopic.computeIfAbsent(partition.topic(), t -> new ArrayList<>()).add(new OffsetDeleteResponsePartition()
                    .setPartitionIndex(partition.partition())
                    .setErrorCode(partition.error().code()));
        }
        List<OffsetDeleteResponseTopic> topics = new ArrayList<>(byTopic.size());
        byTopic.forEach((name, partitions) -> topics.add(new OffsetDeleteResponseTopic().setName(name).setPartitions(partitions)));
        return new io.samsa.protocol.message.OffsetDeleteResponse().setErrorCode(result.error().code()).setTopics(topics);
    }
}
