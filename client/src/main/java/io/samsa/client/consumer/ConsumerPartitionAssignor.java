package io.samsa.client.consumer;

import io.samsa.client.common.Cluster;
import io.samsa.client.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A client-side partition assignor of the classic group protocol, shaped as Kafka's interface of the
 * same name: every member advertises {@link #subscriptionUserData}, the elected leader runs
 * {@link #assign} over all members' subscriptions, and each member gets {@link #onAssignment}.
 * The protocol name on the wire is {@link #name()}.
 *
 * <p>Implementations are used by one consumer thread at a time; they need not be thread-safe.
 */
public interface ConsumerPartitionAssignor {

    /** Opaque data this member adds to its subscription (for example its previous assignment). */
    default ByteBuffer subscriptionUserData(Set<String> topics) {
        return null;
    }

    /** Computes every member's assignment; called on the group leader only. */
    GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription);

    /** Called on every member with its assignment once the group has synced. */
    default void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
    }

    /** The protocols this assignor can work with, preferred first. */
    default List<RebalanceProtocol> supportedProtocols() {
        return Collections.singletonList(RebalanceProtocol.EAGER);
    }

    /** Version of the assignor's user data, for upgrades. */
    default short version() {
        return 0;
    }

    /** The protocol name sent in JoinGroup, for example {@code range}. */
    String name();

    /**
     * One member's subscription as the leader sees it: topics, assignor user data, and (since
     * protocol v1/v2/v3) owned partitions, generation and rack.
     *
     * <p>Immutable except for the user data buffer's position; not thread-safe.
     */
    final class Subscription {
        private final List<String> topics;
        private final ByteBuffer userData;
        private final List<TopicPartition> ownedPartitions;
        private final Optional<Integer> generationId;
        private final Optional<String> rackId;
        private Optional<String> groupInstanceId = Optional.empty();

        public Subscription(List<String> topics, ByteBuffer userData, List<TopicPartition> ownedPartitions,
                            int generationId, Optional<String> rackId) {
            this.topics = topics;
            this.userData = userData;
            this.ownedPartitions = ownedPartitions;
            this.generationId = generationId < 0 ? Optional.empty() : Optional.of(generationId);
            this.rackId = rackId;
        }

        public Subscription(List<String> topics, ByteBuffer userData, List<TopicPartition> ownedPartitions) {
            this(topics, userData, ownedPartitions, -1, Optional.empty());
        }

        public Subscription(List<String> topics, ByteBuffer userData) {
            this(topics, userData, Collections.emptyList());
        }

        public Subscription(List<String> topics) {
            this(topics, null);
        }

        public List<String> topics() {
            return topics;
        }

        public ByteBuffer userData() {
            return userData;
        }

        public List<TopicPartition> ownedPartitions() {
            return ownedPartitions;
        }

        public Optional<Integer> generationId() {
            return generationId;
        }

        public Optional<String> rackId() {
            return rackId;
        }

        public void setGroupInstanceId(Optional<String> groupInstanceId) {
            this.groupInstanceId = groupInstanceId;
        }

        public Optional<String> groupInstanceId() {
            return groupInstanceId;
        }

        @Override
        public String toString() {
            return "Subscription(topics=" + topics + (userData == null ? "" : ", userDataSize=" + userData.remaining())
                + ", ownedPartitions=" + ownedPartitions + ", groupInstanceId=" + groupInstanceId.orElse("null")
                + ", generationId=" + generationId.orElse(-1) + ", rackId=" + rackId.orElse("null") + ")";
        }
    }

    /** One member's assignment: partitions plus assignor user data. Immutable by contract. */
    final class Assignment {
        private final List<TopicPartition> partitions;
        private final ByteBuffer userData;

        public Assignment(List<TopicPartition> partitions, ByteBuffer userData) {
            this.partitions = partitions;
            this.userData = userData;
        }

        public Assignment(List<TopicPartition> partitions) {
            this(partitions, null);
        }

        public List<TopicPartition> partitions() {
            return partitions;
        }

        public ByteBuffer userData() {
            return userData;
        }

        @Override
        public String toString() {
            return "Assignment(partitions=" + partitions + (userData == null ? "" : ", userDataSize=" + userData.remaining()) + ")";
        }
    }

    /** Every member's subscription, by member id. */
    final class GroupSubscription {
        private final Map<String, Subscription> subscriptions;

        public GroupSubscription(Map<String, Subscription> subscriptions) {
            this.subscriptions = subscriptions;
        }

        public Map<String, Subscription> groupSubscription() {
            return subscriptions;
        }

        @Override
        public String toString() {
            return "GroupSubscription(subscriptions=" + subscriptions + ")";
        }
    }

    /** Every member's assignment, by member id. */
    final class GroupAssignment {
        private final Map<String, Assignment> assignments;

        public GroupAssignment(Map<String, Assignment> assignments) {
            this.assignments = assignments;
        }

        public Map<String, Assignment> groupAssignment() {
            return assignments;
        }

        @Override
        public String toString() {
            return "GroupAssignment(assignments=" + assignments + ")";
        }
    }

    /**
     * EAGER: every member revokes everything before rejoining. COOPERATIVE: members keep partitions
     * across a rebalance and only give up those that move, which then takes a second rebalance.
     */
    enum RebalanceProtocol {
        EAGER((byte) 0), COOPERATIVE((byte) 1);

        private final byte id;

        RebalanceProtocol(byte id) {
            this.id = id;
        }

        public byte id() {
            return id;
        }

        public static RebalanceProtocol forId(byte id) {
            switch (id) {
                case 0:
                    return EAGER;
                case 1:
                    return COOPERATIVE;
                default:
                    throw new IllegalArgumentException("Unknown rebalance protocol id: " + id);
            }
        }
    }
}
