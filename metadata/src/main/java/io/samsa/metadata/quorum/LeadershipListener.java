package io.samsa.metadata.quorum;

/**
 * Told by the state machine when this node's Raft role changes. Called on Ratis threads: an
 * implementation hands the event to its own thread and returns.
 */
interface LeadershipListener {
    /**
     * This node leads {@code term} and has applied every entry before its own first one: it may
     * act as the active controller from the committed image.
     */
    void onLeaderReady(long term);

    /** This node no longer leads (another leads, or none is known); {@code leaderId} -1 if none. */
    void onNotLeader(int leaderId);
}
