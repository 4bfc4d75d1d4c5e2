package io.samsa.client.consumer;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@code offsetsForTimes} for one partition: the earliest offset whose timestamp is at
 * or after the requested time, with that record's timestamp and leader epoch.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class OffsetAndTimestamp {
    private final long offset;
    private final long timestamp;
    private final Optional<Integer> leaderEpoch;

    public OffsetAndTimestamp(long offset, long timestamp, Optional<Integer> leaderEpoch) {
        if (offset < 0) {
            throw new IllegalArgumentException("Invalid negative offset " + offset);
        }
        if (timestamp < 0) {
            throw new IllegalArgumentException("Invalid negative timestamp " + timestamp);
        }
        this.offset = offset;
        this.timestamp = timestamp;
        this.leaderEpoch = Objects.requireNonNull(leaderEpoch, "leaderEpoch");
    }

    public OffsetAndTimestamp(long offset, long timestamp) {
        this(offset, timestamp, Optional.empty());
    }

    public long offset() {
        return offset;
    }

    /** ms since epoch. */
    public long timestamp() {
        return timestamp;
    }

    public Optional<Integer> leaderEpoch() {
        return leaderEpoch;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OffsetAndTimestamp)) {
            return false;
        }
        OffsetAndTimestamp that = (OffsetAndTimestamp) o;
        return offset == that.offset && timestamp == that.timestamp && leaderEpoch.equals(that.leaderEpoch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, timestamp, leaderEpoch);
    }

    @Override
    public String toString() {
        return "(timestamp=" + timestamp + ", leaderEpoch=" + leaderEpoch.orElse(null) + ", offset=" + offset + ")";
    }
}
