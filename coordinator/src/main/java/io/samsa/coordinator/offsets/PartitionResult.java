package io.samsa.coordinator.offsets;

import io.samsa.protocol.ErrorCode;
import java.util.Objects;

/**
 * The outcome for one partition of an OffsetCommit or OffsetDelete. Immutable; thread-safe.
 *
 * @param error NONE on success
 */
public record PartitionResult(String topic, int partition, ErrorCode error) {
    public PartitionResult {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(error, "error");
    }
}
