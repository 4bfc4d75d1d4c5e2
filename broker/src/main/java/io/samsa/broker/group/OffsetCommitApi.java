package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.offsets.OffsetCommitRequest;
import io.samsa.coordinator.offsets.OffsetCommitRequest.PartitionCommit;
import io.samsa.coordinator.offsets.OffsetCommitResponse;
import io.samsa.coordinator.offsets.PartitionResult;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.OffsetCommitRequest.OffsetCommitRequestPartition;
import io.samsa.protocol.message.OffsetCommitRequest.OffsetCommitRequestTopic;
import io.samsa.protocol.message.OffsetCommitResponse.OffsetCommitResponsePartition;
import io.samsa.protocol.message.OffsetCommitResponse.OffsetCommitResponseTopic;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * OffsetCommit (v2-9, by topic name) to the coordinator and back. The coordinator answers one
 * result per requested partition in request order, so the response mirrors the request's topic
 * and partition layout. Retention (v2-4) and the instance id (v7+) are default-valued in the
 * decoded request where the version lacks them. Thread-safe.
 */
final class OffsetCommitApi extends GroupApiHandler<io.samsa.protocol.message.OffsetCommitRequest,
        io.samsa.protocol.message.OffsetCommitResponse> {

    OffsetCommitApi(Supplier<GroupCoordinatorService> coordinator) {
        super(ApiKey.OFFSET_COMMIT, coordinator);
    }

    @Override
    protected CompletableFuture<io.samsa.protocol.message.OffsetCommitResponse> handle(RequestContext context,
            io.samsa.protocol.message.OffsetCommitRequest request) {
        List<PartitionCommit> commits = new ArrayList<>();
        for (OffsetCommitRequestTopic topic : request.topics()) {
            for (OffsetCommitRequestPartition partition : topic.partitions()) {
                commits.add(new PartitionCommit(topic.name(), partition.partitionIndex(), partition.committedOffset(),
                        partition.committedLeaderEpoch(), partition.committedMetadata()));
            }
        }
        OffsetCommitRequest commit = new OffsetCommitRequest(request.groupId(), request.memberId(),
                request.generationIdOrMemberEpoch(), request.groupInstanceId(), request.retentionTimeMs(),
                context.apiVersion(), commits);
        return coordinator().commitOffsets(commit).thenApply(result -> toResponse(request, result));
    }

    private static io.samsa.protocol.message.OffsetCommitResponse toResponse(
            io.samsa.protocol.message.OffsetCommitRequest request, OffsetCommitResponse result) {
        Iterator<PartitionResult> results = result.partitions().iterator();
        List<OffsetCommitResponseTopic> topics = new ArrayList<>(request.topics().size());
        for (OffsetCommitRequestTopic topic : request.topics()) {
            List<OffsetCommitResponsePartition> partitions = new ArrayList<>(topic.partitions().size());
            for (OffsetCommitRequestPartition ignored : topic.partitions()) {
                PartitionResult partition = results.next();
                partitions.add(new OffsetCommitResponsePartition()
                        .setPartitionIndex(partition.partition())
                        .setErrorCode(partition.error().code()));
            }
            topics.add(new OffsetCommitResponseTopic().setName(topic.name()).setPartitions(partitions));
        }
        return new io.samsa.protocol.message.OffsetCommitResponse().setTopics(topics);
    }
}
