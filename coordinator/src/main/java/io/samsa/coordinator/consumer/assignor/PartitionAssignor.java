package io.samsa.coordinator.consumer.assignor;

import java.util.Map;

/**
 * A server-side assignor (KIP-848): computes a consumer group's target assignment from its
 * members' subscriptions, the subscribed topics' partition counts, and the current target (for
 * stickiness). Implementations are deterministic (the same spec gives the same answer, so a
 * restarted coordinator agrees with itself), stateless and thread-safe.
 */
public interface PartitionAssignor {

    /** @return the name clients choose it by ({@code group.remote.assignor}), e.g. "uniform" */
    String name();

    /**
     * @return a target for every member of {@code spec} (possibly empty); every partition of a
     *         subscribed topic goes to exactly one member subscribed to it
     */
    Map<String, TopicPartitions> assign(AssignmentSpec spec);
}
