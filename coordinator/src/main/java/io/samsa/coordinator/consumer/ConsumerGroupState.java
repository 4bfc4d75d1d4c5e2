package io.samsa.coordinator.consumer;

/**
 * A consumer group's state, computed from its epochs and members, with Kafka's names (what
 * ListGroups, ConsumerGroupDescribe and {@code kafka-consumer-groups} show):
 * <ul>
 * <li>{@link #EMPTY}: no members (offsets may remain).</li>
 * <li>{@link #ASSIGNING}: the group epoch moved past the target assignment's epoch; the next
 *     heartbeat computes a new target.</li>
 * <li>{@link #RECONCILING}: a member is not yet at the target epoch, or is revoking or waiting for partitions.</li>
 * <li>{@link #STABLE}: every member owns its target at the target epoch.</li>
 * </ul>
 */
public enum ConsumerGroupState {
    EMPTY("Empty"),
    ASSIGNING("Assigning"),
    RECONCILING("Reconciling"),
    STABLE("Stable");

    private final String displayName;

    ConsumerGroupState(String displayName) {
        this.displayName = displayName;
    }

    /** @return Kafka's name, e.g. "Reconciling" */
    public String displayName() {
        return displayName;
    }
}
