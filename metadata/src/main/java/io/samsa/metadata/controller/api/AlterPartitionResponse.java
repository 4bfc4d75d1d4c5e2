package io.samsa.metadata.controller.api;

import io.samsa.protocol.types.Uuid;
import java.util.List;

/** @param error the top-level error (a stale broker epoch, say); partition results are then empty */
public record AlterPartitionResponse(ApiError error, List<PartitionState> partitions) {
    public AlterPartitionResponse {
        partitions = List.copyOf(partitions);
    }

    /** One partition's answer: its state after the change (or the unchanged state on error). */
    public record PartitionState(Uuid topicId, int partition, ApiError error, int leader, int leaderEpoch,
                                 List<Integer> isr, int partitionEpoch) {
        public PartitionState {
            isr = List.copyOf(isr);
        }
    }
}
