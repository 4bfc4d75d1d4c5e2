package io.samsa.client.consumer;

import java.util.Objects;
import java.util.Optional;

/**
 * A committed position: the offset of the next record to consume, an optional metadata string and
 * the leader epoch of the last consumed record (used to detect log truncation).
 *
 * <p>Immutable; safe to share between threads.
 */
public final class OffsetAndMetadata {
    private final long offset;
    private final String metadata;
    private final Integer leaderEpoch;

    public OffsetAndMetadata(long offset, Optional<Integer> leaderEpoch, String metadata) {
        if (offset < 0) {
            throw new IllegalArgumentException("Invalid negative offset");
        }
        this.offset = offset;
        this.leaderEpoch = leaderEpoch.orElse(null);
        this.metadata = metadata == null ? "" : metadata;
    }

    public OffsetAndMetadata(long offset, String metadata) {
        this(offset, Optional.empty(), metadata);
    }

    public OffsetAndMetadata(long offset) {
        this(offset, "");
    }

    public long offset() {
        return offset;
    }

    /** Never null; empty when none was given. */
    public String metadata() {
        return metadata;
    }

    /** Empty when unknown or negative. */
    public Optional<Integer> leaderEpoch() {
        return leaderEpoch == null || leaderEpoch < 0 ? Optional.empty() : Optional.of(leaderEpoch);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OffsetAndMetadata)) {
            return false;
        }
        OffsetAndMetadata that = (OffsetAndMetadata) o;
        return offset == that.offset && metadata.equals(that.metadata) && leaderEpoch().equals(that.leaderEpoch());
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, metadata, leaderEpoch());
    }

    @Override
    public String toString() {
        return "OffsetAndMetadata{offset=" + offset + ", leaderEpoch=" + leaderEpoch + ", metadata='" + metadata + "'}";
    }
}
