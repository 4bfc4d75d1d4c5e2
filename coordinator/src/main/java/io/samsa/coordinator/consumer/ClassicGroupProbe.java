package io.samsa.coordinator.consumer;

import io.samsa.coordinator.records.CoordinatorRecord;
import java.util.List;
import java.util.Set;

/**
 * What consumer groups need of classic groups under the same id, without knowing the classic
 * model: whether there is none, an empty one (which a consumer-protocol member may take over,
 * deleting it) or one with members, the record that deletes it, and KIP-848's online migration
 * both ways ({@code group.consumer.migration.policy}). Implemented beside the shard, so this package
 * needs nothing of the classic model; used on the shard's event thread.
 */
public interface ClassicGroupProbe {

    enum Status { NONE, EMPTY, ACTIVE }

    Status status(String groupId);

    /** @return the tombstone deleting the classic group {@code groupId} */
    CoordinatorRecord deletionRecord(String groupId);

    /**
     * Online upgrade of the classic group {@code groupId}, which has members: appends to
     * {@code records} the records replacing it by a consumer group whose members keep their
     * current assignment. Changes nothing else: the caller runs {@link Upgrade#whenDurable} once
     * those records are durable (and never, when it refuses the join after all).
     *
     * @return the upgrade, or null when the group may not be upgraded (policy, size, protocol
     *         type, unreadable member metadata): the caller refuses the join
     */
    Upgrade upgrade(String groupId, List<CoordinatorRecord> records);

    /**
     * An online upgrade in the making.
     *
     * @param group       the consumer group the upgrade's records describe (a stand-alone copy; the
     *                    shard's state changes only when the records are replayed)
     * @param whenDurable what follows once the records are durable: the classic group's parked
     *                    answers and deadlines end, the members' consumer-group sessions start
     */
    record Upgrade(ConsumerGroup group, Runnable whenDurable) {
    }

    /**
     * Online downgrade: when {@code leaving} removes the last consumer-protocol members of
     * {@code group} and classic members remain (and the policy and group.max.size allow it),
     * the records replacing the consumer group by a classic group that rebalances.
     *
     * @return those records, or null when the group stays a consumer group
     */
    List<CoordinatorRecord> downgrade(ConsumerGroup group, Set<String> leaving);

    /** A probe for groups that never migrate: no classic groups, no conversions. */
    ClassicGroupProbe NONE = new ClassicGroupProbe() {
        @Override
        public Status status(String groupId) {
            return Status.NONE;
        }

        @Override
        public CoordinatorRecord deletionRecord(String groupId) {
            throw new IllegalStateException("no classic group " + groupId);
        }

        @Override
        public Upgrade upgrade(String groupId, List<CoordinatorRecord> records) {
            return null;
        }

        @Override
        public List<CoordinatorRecord> downgrade(ConsumerGroup group, Set<String> leaving) {
            return null;
        }
    };
}
