package io.samsa.coordinator.offsets;

import io.samsa.coordinator.classic.ClassicGroupContext;
import io.samsa.coordinator.consumer.ConsumerGroupStore;

/**
 * What the offset handlers (OffsetCommit, OffsetFetch, OffsetDelete, retention) and the admin
 * handlers may use of a coordinator shard: the committed offsets, and the groups that own them,
 * classic ({@link ClassicGroupContext}: commits restart a member's session) and consumer (commits
 * are checked against member epochs). The shard implements it.
 *
 * <p>Not thread-safe: used on the shard's event thread.
 */
public interface OffsetsContext extends ClassicGroupContext {

    OffsetStore offsets();

    ConsumerGroupStore consumerGroups();

    /** @return the offsets committed in transactions not yet ended by a marker */
    PendingOffsetStore pendingOffsets();
}
