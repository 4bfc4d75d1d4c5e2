package io.samsa.broker.replication;

/**
 * The leader's view of one follower, updated by the follower's fetches (Kafka's replica state).
 * A follower is caught up at a fetch when it asked for the leader's log end offset of that moment;
 * it is also credited with the previous fetch's time when it asked for at least the log end
 * offset the leader had then, so a follower that keeps fetching behind a steady stream of
 * appends is not seen as lagging (Kafka's {@code lastCaughtUpTimeMs}).
 *
 * <p>Not thread-safe; owned by its {@link ReplicatedPartition}, which synchronizes.
 */
final class FollowerState {
    private long logEndOffset = -1;
    private long lastCaughtUpTimeMs;
    private long lastFetchTimeMs;
    private long lastFetchLeaderLogEndOffset = -1;

    /** @param lastCaughtUpTimeMs where the lag clock starts (now for an ISR member, so it is not dropped at once) */
    FollowerState(long lastCaughtUpTimeMs) {
        this.lastCaughtUpTimeMs = lastCaughtUpTimeMs;
    }

    /**
     * @param fetchOffset          the offset the follower asked for: everything below is on its log
     * @param leaderLogEndOffset   the leader's log end offset when the fetch was read
     * @param nowMs                when the fetch was read
     */
    void onFetch(long fetchOffset, long leaderLogEndOffset, long nowMs) {
        if (fetchOffset >= leaderLogEndOffset) {
            lastCaughtUpTimeMs = Math.max(lastCaughtUpTimeMs, nowMs);
        } else if (fetchOffset >= lastFetchLeaderLogEndOffset && lastFetchLeaderLogEndOffset >= 0) {
            lastCaughtUpTimeMs = Math.max(lastCaughtUpTimeMs, lastFetchTimeMs);
        }
        logEndOffset = fetchOffset;
        lastFetchLeaderLogEndOffset = leaderLogEndOffset;
        lastFetchTimeMs = nowMs;
    }

    /** @return the follower's log end offset as last reported, or -1 before its first fetch */
    long logEndOffset() {
        return logEndOffset;
    }

    long lastCaughtUpTimeMs() {
        return lastCaughtUpTimeMs;
    }
}
