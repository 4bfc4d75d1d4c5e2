package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.offsets.OffsetCommitRequest;
import io.samsa.coordinator.offsets.OffsetCommitRequest.PartitionCommit;
import io.samsa.coordinator.offsets.OffsetCommitResponse;
import io.samsa.coordinator.offsets.PartitionResult;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.TxnOffsetCommitRequest;
import io.samsa.protocol.message.TxnOffsetCommitRequest.TxnOffsetCommitRequestPartition;
import io.samsa.protocol.message.TxnOffsetCommitRequest.TxnOffsetCommitRequestTopic;
import io.samsa.protocol.message.TxnOffsetCommitResponse;
import io.samsa.protocol.message.TxnOffsetCommitResponse.TxnOffsetCommitResponsePartition;
import io.samsa.protocol.message.TxnOffsetCommitResponse.TxnOffsetCommitResponseTopic;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * TxnOffsetCommit (v0-5), which a transactional producer sends to the group's coordinator after
 * AddOffsetsToTxn: the offsets are stored pending under its producer id and become the group's
 * committed offsets only when the transaction's COMMIT marker reaches the group's
 * {@code __consumer_offsets} partition (dropped on ABORT). The generation, member and instance id
 * (v3+) are checked as OffsetCommit checks them. One result per partition, in request order.
 * Thread-safe.
 */
final class TxnOffsetCommitApi extends GroupApiHandler<TxnOffsetCommitRequest, TxnOffsetCommitResponse> {

    TxnOffsetCommitApi(Supplier<GroupCoordinatorService> coordinator) {
        super(ApiKey.TXN_OFFSET_COMMIT, coordinator);
    }

    @Override
    protected CompletableFuture<TxnOffsetCommitResponse> handle(RequestContext context, TxnOffsetCommitRequest request) {
        List<PartitionCommit> commits = new ArrayList<>();
        for (TxnOffsetCommitRequestTopic topic : request.topics()) {
            for (TxnOffsetCommitRequestPartition partition : topic.partitions()) {
                commits.add(new PartitionCommit(topic.name(), partition.partitionIndex(), partition.committedOffset(),
                        partition.committedLeaderEpoch(), partition.committedMetadata()));
            }
        }
        OffsetCommitRequest commit = new OffsetCommitRequest(request.groupId(), request.memberId(), request.generationId(),
                request.groupInstanceId(), OffsetCommitRequest.DEFAULT_RETENTION, context.apiVersion(), commits);
        return coordinator().commitTransactionalOffsets(request.producerId(), commit).thenApply(result -> toResponse(request, result));
    }

    private static TxnOffsetCommitResponse toResponse(TxnOffsetCommitRequest request, OffsetCommitResponse result) {
        Iterator<PartitionResult> results = result.partitions().iterator();
        List<TxnOffsetCommitResponseTopic> topics = new ArrayList<>(request.topics().size());
        for (TxnOffsetCommitRequestTopic topic : request.topics()) {
            List<TxnOffsetCommitResponsePartition> partitions = new ArrayList<>(topic.partitions().size());
            for (TxnOffsetCommitRequestPartition ignored : topic.partitions()) {
                PartitionResult partition = results.next();
                partitions.add(new TxnOffsetCommitResponsePartition().setPartitionIndex(partition.partition())
                        .setErrorCode(partition.error().code()));
            }
            topics.add(new TxnOffsetCommitResponseTopic().setName(topic.name()).setPartitions(partitions));
        }
        return new TxnOffsetCommitResponse().setTopics(topics);
    }
}
