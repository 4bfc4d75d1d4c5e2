package io.samsa.coordinator.offsets;

import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * TxnOffsetCommit: the offsets a transactional producer commits for a group (its
 * sendOffsetsToTransaction), written as TXN_OFFSET_COMMIT records pending under the producer id.
 * They stay invisible to OffsetFetch until the transaction's marker reaches this
 * {@code __consumer_offsets} partition ({@link TxnOffsetCompletionHandler}). The committer is
 * checked against the group as OffsetCommit checks it (a generation and member, v3+, must match
 * the group's; none given is a committer outside the group, accepted); metadata longer than
 * offset.metadata.max.bytes is OFFSET_METADATA_TOO_LARGE. The transaction coordinator has already
 * checked the producer's epoch in AddOffsetsToTxn. Stateless apart from its config.
 */
public final class TxnOffsetCommitHandler {
    private final int offsetMetadataMaxBytes;

    public TxnOffsetCommitHandler(int offsetMetadataMaxBytes) {
        this.offsetMetadataMaxBytes = offsetMetadataMaxBytes;
    }

    /** @param request the commit, its generation -1 and member "" when the producer named none */
    public CoordinatorResult<OffsetCommitResponse> commit(OffsetsContext shard, long producerId, OffsetCommitRequest request,
                                                          long nowMs) {
        io.samsa.coordinator.group.ClassicGroup group = shard.groups().group(request.groupId());
        boolean identified = request.generationId() >= 0 || !request.memberId().isEmpty() || request.groupInstanceId() != null;
        ErrorCode groupError = group == null || !identified ? ErrorCode.NONE : OffsetCommitHandler.validate(group, request);
        if (groupError != ErrorCode.NONE) {
            return CoordinatorResult.response(OffsetCommitResponse.allFailed(request, groupError));
        }
        List<CoordinatorRecord> records = new ArrayList<>(request.partitions().size());
        List<PartitionResult> results = new ArrayList<>(request.partitions().size());
        for (OffsetCommitRequest.PartitionCommit commit : request.partitions()) {
            String metadata = commit.metadata() == null ? "" : commit.metadata();
            if (metadata.length() > offsetMetadataMaxBytes) {
                results.add(new PartitionResult(commit.topic(), commit.partition(), ErrorCode.OFFSET_METADATA_TOO_LARGE));
                continue;
            }
            CommittedOffset offset = new CommittedOffset(commit.offset(), commit.leaderEpoch(), metadata, nowMs, OptionalLong.empty());
            records.add(OffsetCommitRecords.newTxnOffsetCommitRecord(request.groupId(), commit.topic(), commit.partition(),
                    producerId, offset));
            results.add(new PartitionResult(commit.topic(), commit.partition(), ErrorCode.NONE));
        }
        return CoordinatorResult.of(records, new OffsetCommitResponse(results));
    }
}
