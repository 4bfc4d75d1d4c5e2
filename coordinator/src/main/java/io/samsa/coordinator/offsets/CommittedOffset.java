package io.samsa.coordinator.offsets;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One committed offset as it is persisted in an {@code OFFSET_COMMIT} record. Immutable;
 * thread-safe.
 *
 * @param offset            the next offset the group will consume
 * @param leaderEpoch       the leader epoch of the committed record, or -1 when unknown
 * @param metadata          the client's metadata string; never null, may be empty
 * @param commitTimestampMs when the commit happened, wall-clock ms
 * @param expireTimestampMs an explicit expiry (OffsetCommit v1 retention), wall-clock ms; empty when
 *                          offsets.retention.minutes applies
 */
public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestampMs,
                              OptionalLong expireTimestampMs) {

    /** The leader epoch value meaning "not known". */
    public static final int NO_LEADER_EPOCH = -1;

    public CommittedOffset {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(expireTimestampMs, "expireTimestampMs");
    }

    /** @return a commit without explicit expiry */
    public static CommittedOffset of(long offset, int leaderEpoch, String metadata, long commitTimestampMs) {
        return new CommittedOffset(offset, leaderEpoch, metadata, commitTimestampMs, OptionalLong.empty());
    }
}
