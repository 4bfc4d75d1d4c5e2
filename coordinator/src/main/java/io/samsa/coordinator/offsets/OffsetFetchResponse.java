package io.samsa.coordinator.offsets;

import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * An OffsetFetch response for one group in domain terms. Immutable; thread-safe.
 *
 * @param error      the group-level error; NONE on success
 * @param partitions one entry per requested partition (or per committed one when all were asked for)
 */
public record OffsetFetchResponse(ErrorCode error, List<PartitionOffset> partitions) {

    /** The offset value meaning "nothing committed". */
    public static final long NO_OFFSET = -1L;

    public OffsetFetchResponse {
        Objects.requireNonNull(error, "error");
        partitions = List.copyOf(partitions);
    }

    public static OffsetFetchResponse failed(ErrorCode error) {
        return new OffsetFetchResponse(error, List.of());
    }

    /**
     * @param offset      the committed offset, or {@link #NO_OFFSET}
     * @param leaderEpoch the committed leader epoch, or -1
     * @param metadata    the committed metadata, "" when none
     */
    public record PartitionOffset(String topic, int partition, long offset, int leaderEpoch, String metadata,
                                  ErrorCode error) {
    }
}
