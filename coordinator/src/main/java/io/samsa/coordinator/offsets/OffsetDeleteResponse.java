package io.samsa.coordinator.offsets;

import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * An OffsetDelete response in domain terms. Immutable; thread-safe.
 *
 * @param error      the group-level error; when not NONE, {@code partitions} holds only the partitions
 *                   refused before the group was looked at (UNKNOWN_TOPIC_OR_PARTITION)
 * @param partitions one result per requested partition, in request order
 */
public record OffsetDeleteResponse(ErrorCode error, List<PartitionResult> partitions) {
    public OffsetDeleteResponse {
        Objects.requireNonNull(error, "error");
        partitions = List.copyOf(partitions);
    }

    public static OffsetDeleteResponse failed(ErrorCode error) {
        return new OffsetDeleteResponse(error, List.of());
    }
}
