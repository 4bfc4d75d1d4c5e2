package io.samsa.client.admin;

/**
 * Which offset ListOffsets should return for a partition: the earliest, the latest (log end), the
 * first with a timestamp at or after a given one, or the one with the largest timestamp.
 * Immutable.
 *
 * @param timestamp the wire value: -2 earliest, -1 latest, -3 max timestamp, else a timestamp in ms
 */
public record OffsetSpec(long timestamp) {
    static final long EARLIEST = -2L;
    static final long LATEST = -1L;
    static final long MAX_TIMESTAMP = -3L;

    public static OffsetSpec earliest() {
        return new OffsetSpec(EARLIEST);
    }

    public static OffsetSpec latest() {
        return new OffsetSpec(LATEST);
    }

    /** Needs ListOffsets v7 (Kafka 3.0+). */
    public static OffsetSpec maxTimestamp() {
        return new OffsetSpec(MAX_TIMESTAMP);
    }

    /** @param timestampMs milliseconds since the epoch */
    public static OffsetSpec forTimestamp(long timestampMs) {
        if (timestampMs < 0) {
            throw new IllegalArgumentException("timestamp must not be negative: " + timestampMs);
        }
        return new OffsetSpec(timestampMs);
    }
}
