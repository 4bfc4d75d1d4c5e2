package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.TopicPartition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Bookkeeping of partition moves during one run of the general sticky algorithm, so that when a
 * partition of a topic must move from A to B while another partition of the same topic already
 * moved from B to A, that earlier move is undone instead (fewer moves, no A&lt;-&gt;B ping-pong).
 *
 * <p>Used by one assignment run only; not thread-safe.
 */
final class PartitionMovements {
    private final Map<String, Map<ConsumerPair, Set<TopicPartition>>> movementsByTopic = new HashMap<>();
    private final Map<TopicPartition, ConsumerPair> movements = new HashMap<>();

    /** Records that {@code partition} moves from {@code oldConsumer} to {@code newConsumer}. */
    void movePartition(TopicPartition partition, String oldConsumer, String newConsumer) {
        ConsumerPair existing = movements.containsKey(partition) ? removeMovement(partition) : null;
        if (existing == null) {
            addMovement(partition, new ConsumerPair(oldConsumer, newConsumer));
        } else if (!existing.srcMemberId().equals(newConsumer)) {
            // Moved before and not moving back to where it started: one move from the original owner.
            addMovement(partition, new ConsumerPair(existing.srcMemberId(), newConsumer));
        }
    }

    /**
     * The partition that should actually move when {@code partition} is to go from
     * {@code oldConsumer} to {@code newConsumer}: a partition of the same topic that earlier moved
     * the opposite way, if any, else {@code partition} itself.
     */
    TopicPartition partitionToBeMoved(TopicPartition partition, String oldConsumer, String newConsumer) {
        Map<ConsumerPair, Set<TopicPartition>> forTopic = movementsByTopic.get(partition.topic());
        if (forTopic == null) {
            return partition;
        }
        String source = oldConsumer;
        ConsumerPair earlier = movements.get(partition);
        if (earlier != null) {
            source = earlier.srcMemberId();
        }
        Set<TopicPartition> reverse = forTopic.get(new ConsumerPair(newConsumer, source));
        return reverse == null ? partition : reverse.iterator().next();
    }

    private ConsumerPair removeMovement(TopicPartition partition) {
        ConsumerPair pair = movements.remove(partition);
        Map<ConsumerPair, Set<TopicPartition>> forTopic = movementsByTopic.get(partition.topic());
        Set<TopicPartition> partitions = forTopic.get(pair);
        partitions.remove(partition);
        if (partitions.isEmpty()) {
            forTopic.remove(pair);
        }
        if (forTopic.isEmpty()) {
            movementsByTopic.remove(partition.topic());
        }
        return pair;
    }

    private void addMovement(TopicPartition partition, ConsumerPair pair) {
        movements.put(partition, pair);
        movementsByTopic.computeIfAbsent(partition.topic(), t -> new HashMap<>())
            .computeIfAbsent(pair, p -> new HashSet<>())
            .add(partition);
    }
}
