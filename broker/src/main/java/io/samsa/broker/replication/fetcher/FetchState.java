package io.samsa.broker.replication.fetcher;

import io.samsa.storage.PartitionLog;

/**
 * A followed partition as its fetcher sees it: the log appended to, the leader epoch followed,
 * whether the divergence check (OffsetForLeaderEpoch, then truncation) or the leader's log start
 * (after OFFSET_OUT_OF_RANGE) is still due, and until when it backs off after an error.
 *
 * <p>Not thread-safe; confined to the fetcher's worker thread.
 */
final class FetchState {
    private final PartitionLog log;
    private final int leaderEpoch;
    private boolean truncating = true;
    private boolean outOfRange;
    private long backoffUntilMs;

    FetchState(PartitionLog log, int leaderEpoch) {
        this.log = log;
        this.leaderEpoch = leaderEpoch;
    }

    PartitionLog log() {
        return log;
    }

    int leaderEpoch() {
        return leaderEpoch;
    }

    boolean truncating() {
        return truncating;
    }

    void truncating(boolean due) {
        this.truncating = due;
    }

    /** Whether the leader said the fetch offset is out of its range: its log start is due (ListOffsets). */
    boolean outOfRange() {
        return outOfRange;
    }

    void outOfRange(boolean due) {
        this.outOfRange = due;
    }

    boolean ready(long nowMs) {
        return nowMs - backoffUntilMs >= 0;
    }

    long backoffUntilMs() {
        return backoffUntilMs;
    }

    void backOff(long untilMs) {
        this.backoffUntilMs = untilMs;
    }
}
