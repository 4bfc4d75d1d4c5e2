package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.offsets.OffsetFetchRequest;
import io.samsa.coordinator.offsets.OffsetFetchResponse;
import io.samsa.coordinator.offsets.OffsetFetchResponse.PartitionOffset;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.OffsetFetchRequest.OffsetFetchRequestGroup;
import io.samsa.protocol.message.OffsetFetchRequest.OffsetFetchRequestTopic;
import io.samsa.protocol.message.OffsetFetchRequest.OffsetFetchRequestTopics;
import io.samsa.protocol.message.OffsetFetchResponse.OffsetFetchResponseGroup;
import io.samsa.protocol.message.OffsetFetchResponse.OffsetFetchResponsePartition;
import io.samsa.protocol.message.OffsetFetchResponse.OffsetFetchResponsePartitions;
import io.samsa.protocol.message.OffsetFetchResponse.OffsetFetchResponseTopic;
import io.samsa.protocol.message.OffsetFetchResponse.OffsetFetchResponseTopics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * OffsetFetch (v1-9) to the coordinator and back. Version rules, from the schema:
 * <ul>
 * <li>v8+ (KIP-709) asks for several groups, each answered on its own; v1-7 for one group.</li>
 * <li>Null topics (v2+) mean every partition the group committed.</li>
 * <li>v1 has no group-level error field, so a group error is reported on every requested
 *     partition, as Kafka does.</li>
 * <li>v9+ names the fetching member and its epoch, which a consumer group (KIP-848) checks.</li>
 * <li>require_stable (v7+) needs no wait here: without transactions no commit is ever pending.</li>
 * </ul>
 * Thread-safe.
 */
final class OffsetFetchApi extends GroupApiHandler<io.samsa.protocol.message.OffsetFetchRequest,
        io.samsa.protocol.message.OffsetFetchResponse> {
    /** The first version with a group-level error code. */
    static final short FIRST_GROUP_ERROR_VERSION = 2;
    /** The first version fetching several groups (KIP-709). */
    static final short FIRST_MULTI_GROUP_VERSION = 8;

    OffsetFetchApi(Supplier<GroupCoordinatorService> coordinator) {
        super(ApiKey.OFFSET_FETCH, coordinator);
    }

    @Override
    protected CompletableFuture<io.samsa.protocol.message.OffsetFetchResponse> handle(RequestContext context,
            io.samsa.protocol.message.OffsetFetchRequest request) {
        short version = context.apiVersion();
        if (version >= FIRST_MULTI_GROUP_VERSION) {
            return multiGroup(request);
        }
        List<TopicPartition> partitions = null;
        if (request.topics() != null) {
            partitions = new ArrayList<>();
            for (OffsetFetchRequestTopic topic : request.topics()) {
                for (int partition : topic.partitionIndexes()) {
                    partitions.add(new TopicPartition(topic.name(), partition));
                }
            }
        }
        List<TopicPartition> requested = partitions;
        return coordinator().fetchOffsets(new OffsetFetchRequest(request.groupId(), requested))
                .thenApply(result -> singleGroup(result, requested, version));
    }

    private static io.samsa.protocol.message.OffsetFetchResponse singleGroup(OffsetFetchResponse result,
            List<TopicPartition> requested, short version) {
        List<PartitionOffset> partitions = result.partitions();
        if (version < FIRST_GROUP_ERROR_VERSION && result.error() != ErrorCode.NONE) {
            partitions = new ArrayList<>();
            for (TopicPartition partition : requested) {
                partitions.add(new PartitionOffset(partition.topic(), partition.partition(), OffsetFetchResponse.NO_OFFSET,
                        -1, "", result.error()));
            }
        }
        List<OffsetFetchResponseTopic> topics = new ArrayList<>();
        byTopic(partitions).forEach((name, offsets) -> {
            List<OffsetFetchResponsePartition> out = new ArrayList<>(offsets.size());
            for (PartitionOffset offset : offsets) {
                out.add(new OffsetFetchResponsePartition()
                        .setPartitionIndex(offset.partition())
                        .setCommittedOffset(offset.offset())
                        .setCommittedLeaderEpoch(offset.leaderEpoch())
                        .setMetadata(offset.metadata())
                        .setErrorCode(offset.error().code()));
            }
            topics.add(new OffsetFetchResponseTopic().setName(name).setPartitions(out));
        });
        return new io.samsa.protocol.message.OffsetFetchResponse().setErrorCode(result.error().code()).setTopics(topics);
    }

    private CompletableFuture<io.samsa.protocol.message.OffsetFetchResponse> multiGroup(
            io.samsa.protocol.message.OffsetFetchRequest request) {
        List<CompletableFuture<OffsetFetchResponseGroup>> groups = new ArrayList<>(request.groups().size());
        for (OffsetFetchRequestGroup group : request.groups()) {
            List<TopicPartition> partitions = null;
            if (group.topics() != null) {
                partitions = new ArrayList<>();
                for (OffsetFetchRequestTopics topic : group.topics()) {
                    for (int partition : topic.partitionIndexes()) {
                        partitions.add(new TopicPartition(topic.name(), partition));
                    }
                }
            }
            groups.add(coordinator().fetchOffsets(new OffsetFetchRequest(group.groupId(), partitions, group.memberId(),
                            group.memberEpoch()))
                    .thenApply(result -> groupResponse(group.groupId(), result)));
        }
        return CompletableFuture.allOf(groups.toArray(new CompletableFuture<?>[0])).thenApply(ignored -> {
            List<OffsetFetchResponseGroup> answered = new ArrayList<>(groups.size());
            groups.forEach(group -> answered.add(group.join()));
            return new io.samsa.protocol.message.OffsetFetchResponse().setGroups(answered);
        });
    }

    private static OffsetFetchResponseGroup groupResponse(String groupId, OffsetFetchResponse result) {
        List<OffsetFetchResponseTopics> topics = new ArrayList<>();
        byTopic(result.partitions()).forEach((name, offsets) -> {
            List<OffsetFetchResponsePartitions> out = new ArrayList<>(offsets.size());
            for (PartitionOffset offset : offsets) {
                out.add(new OffsetFetchResponsePartitions()
                        .setPartitionIndex(offset.partition())
                        .setCommittedOffset(offset.offset())
                        .setCommittedLeaderEpoch(offset.leaderEpoch())
                        .setMetadata(offset.metadata())
                        .setErrorCode(offset.error().code()));
            }
            topics.add(new OffsetFetchResponseTopics().setName(name).setPartitions(out));
        });
        return new OffsetFetchResponseGroup().setGroupId(groupId).setErrorCode(result.error().code()).setTopics(topics);
    }

    /** @return the partitions grouped by topic, topics in first-seen order */
    private static Map<String, List<PartitionOffset>> byTopic(List<PartitionOffset> partitions) {
        Map<String, List<PartitionOffset>> byTopic = new LinkedHashMap<>();
        for (PartitionOffset partition : partitions) {
            byTopic.computeIfAbsent(partition.topic(), t -> new ArrayList<>()).add(partition);
        }
        return byTopic;
    }
}
