package io.samsa.coordinator.consumer;

/**
 * Where a consumer-protocol member is on its way to its target assignment (KIP-848), with Kafka's
 * names and persisted values. Legal moves, decided by {@link MemberReconciler}:
 * <pre>
 *             target has fewer partitions          member acknowledged the revocation
 *   STABLE ─────────────────────────────► UNREVOKED_PARTITIONS ─────────────────────┐
 *     ▲  ▲                                                                           ▼
 *     │  └───── every new partition is free ◄───── UNRELEASED_PARTITIONS ◄── a new partition
 *     │                                                                   still owned elsewhere
 *     └──────────────────────────── nothing to revoke, nothing to wait for
 * </pre>
 * <ul>
 * <li>{@link #STABLE}: the member owns its whole target at the target's epoch. Heartbeats answer
 *     with no change until a new target exists.</li>
 * <li>{@link #UNREVOKED_PARTITIONS}: the member must give up partitions first; it keeps its epoch
 *     and gets nothing new until a heartbeat shows it no longer owns them (or the rebalance timeout
 *     fences it).</li>
 * <li>{@link #UNRELEASED_PARTITIONS}: the member is at the target epoch but some of its new
 *     partitions are still owned (or being revoked) by another member; each heartbeat hands over
 *     those that were released meanwhile.</li>
 * </ul>
 */
public enum MemberState {
    STABLE(0, "stable"),
    UNREVOKED_PARTITIONS(1, "unrevoked_partitions"),
    UNRELEASED_PARTITIONS(2, "unreleased_partitions");

    private final int value;
    private final String displayName;

    MemberState(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    /** @return Kafka's persisted value */
    public int value() {
        return value;
    }

    /** @return Kafka's name, e.g. "unrevoked_partitions" */
    public String displayName() {
        return displayName;
    }

    /** @return the state of a persisted value; an unknown value (a newer broker) reads as STABLE */
    public static MemberState of(int value) {
        for (MemberState state : values()) {
            if (state.value == value) {
                return state;
            }
        }
        return STABLE;
    }
}
