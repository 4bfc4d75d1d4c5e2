package io.samsa.broker.metadata;

/**
 * The leader epoch of every partition on a single-node broker. Leadership never moves, so the
 * epoch never grows past its first value; Metadata reports it, ListOffsets and OffsetForLeaderEpoch
 * answer with it, and Produce stamps it on every appended batch, as Kafka's leader does.
 */
public final class LeaderEpoch {
    /** The one epoch every partition has. */
    public static final int CURRENT = 0;

    private LeaderEpoch() {
    }
}
