package io.samsa.coordinator.offsets;

import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * An OffsetCommit response in domain terms: one result per requested partition, in request order.
 * A group-level error is reported on every partition, as the wire format requires. Immutable.
 */
public record OffsetCommitResponse(List<PartitionResult> partitions) {
    public OffsetCommitResponse {
        partitions = List.copyOf(partitions);
    }

    /** @return every partition of {@code request} failed with {@code error} */
    public static OffsetCommitResponse allFailed(OffsetCommitRequest request, ErrorCode error) {
        List<PartitionResult> results = new ArrayList<>(request.partitions().size());
        for (OffsetCommitRequest.PartitionCommit commit : request.partitions()) {
            results.add(new PartitionResult(commit.topic(), commit.partition(), error));
        }
        return new OffsetCommitResponse(results);
    }
}
