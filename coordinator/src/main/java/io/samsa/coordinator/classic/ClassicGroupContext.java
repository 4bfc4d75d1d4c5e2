package io.samsa.coordinator.classic;

import io.samsa.coordinator.group.ClassicGroupSoftState;
import io.samsa.coordinator.group.ClassicGroupStore;
import io.samsa.coordinator.runtime.CoordinatorTimer;

/**
 * What the classic-group handlers (JoinGroup, SyncGroup, Heartbeat, LeaveGroup) and the
 * {@link Rebalancer} may use of a coordinator shard, and nothing more: the classic groups, their
 * in-memory parts, the partition's timer and the rebalance steps. The shard implements it.
 *
 * <p>Not thread-safe: used on the shard's event thread.
 */
public interface ClassicGroupContext {

    ClassicGroupStore groups();

    CoordinatorTimer timer();

    Rebalancer rebalancer();

    /** @return the in-memory-only part of a group (created empty on first use) */
    ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> softState(String groupId);

    /** @return the in-memory-only part of a group, or null when it has none (never creates one) */
    ClassicGroupSoftState<JoinGroupResult, SyncGroupResult> existingSoftState(String groupId);

    /** Drops a group's in-memory part when it holds nothing. */
    void forgetIdleSoftState(String groupId);

    /** @return true when a group of another type (a KIP-848 consumer group) holds {@code groupId} */
    boolean isOtherGroupType(String groupId);
}
