package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerGroupMetadata;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kafka's {@code cooperative-sticky} assignor: the sticky algorithm under the cooperative protocol.
 * Members keep their partitions through a rebalance, so a partition moving from A to B is left out
 * of B's assignment this round; A sees it revoked, and B gets it in the follow-up rebalance that A's
 * revocation triggers. Owned partitions come from the subscription itself; the generation from the
 * subscription (protocol v2+) or else from the 4-byte user data this assignor writes.
 *
 * <p>Not thread-safe; one consumer thread uses an assignor at a time.
 */
public class CooperativeStickyAssignor extends AbstractStickyAssignor {
    private int generation = DEFAULT_GENERATION;

    @Override
    public String name() {
        return Assignors.COOPERATIVE_STICKY;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return Arrays.asList(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        generation = metadata.generationId();
    }

    /** The generation as a big-endian int32, Kafka's layout. */
    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return ByteBuffer.allocate(4).putInt(0, generation);
    }

    @Override
    protected StickyMemberData memberData(Subscription subscription) {
        if (subscription.generationId().isPresent()) {
            return new StickyMemberData(subscription.ownedPartitions(), subscription.generationId());
        }
        ByteBuffer userData = subscription.userData();
        Optional<Integer> generation;
        if (userData == null) {
            generation = Optional.empty();
        } else if (userData.remaining() >= 4) {
            generation = Optional.of(userData.getInt(userData.position()));
        } else {
            generation = Optional.of(DEFAULT_GENERATION);
        }
        return new StickyMemberData(subscription.ownedPartitions(), generation);
    }

    @Override
    public Map<String, List<TopicPartition>> assign(Map<String, Integer> partitionsPerTopic,
                                                    Map<String, Subscription> subscriptions) {
        Map<String, List<TopicPartition>> assignments = super.assign(partitionsPerTopic, subscriptions);
        Map<TopicPartition, String> transferring = partitionsTransferringOwnership != null
            ? partitionsTransferringOwnership
            : computeTransferring(subscriptions, assignments);
        // A partition changing owner is withheld from its new owner until the old one has revoked it.
        transferring.forEach((tp, newOwner) -> assignments.get(newOwner).remove(tp));
        return assignments;
    }

    /** Partitions newly assigned to one member while another member still owns them. */
    private static Map<TopicPartition, String> computeTransferring(Map<String, Subscription> subscriptions,
                                                                   Map<String, List<TopicPartition>> assignments) {
        Map<TopicPartition, String> added = new HashMap<>();
        Set<TopicPartition> revoked = new HashSet<>();
        for (Map.Entry<String, List<TopicPartition>> entry : assignments.entrySet()) {
            List<TopicPartition> owned = subscriptions.get(entry.getKey()).ownedPartitions();
            Set<TopicPartition> ownedSet = new HashSet<>(owned);
            for (TopicPartition tp : entry.getValue()) {
                if (!ownedSet.contains(tp)) {
                    added.put(tp, entry.getKey());
                }
            }
            Set<TopicPartition> assignedSet = new HashSet<>(entry.getValue());
            for (TopicPartition tp : owned) {
                if (!assignedSet.contains(tp)) {
                    revoked.add(tp);
                }
            }
        }
        added.keySet().retainAll(revoked);
        return added;
    }
}
