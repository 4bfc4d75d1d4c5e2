package io.samsa.broker.data.partitions;

import io.samsa.storage.TopicPartition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The index of a purgatory: the operations waiting on each partition, so a change to one
 * partition finds exactly the operations to re-check.
 *
 * <p>Thread-safe. Adding happens inside the map's atomic compute: adding to a set after the
 * compute returned would race {@link #remove}, which drops a set once it is empty, and the
 * operation would sit in a set no longer in the map, never woken.
 *
 * @param <T> the waiting operation
 */
public final class PartitionWaiters<T> {
    private final Map<TopicPartition, Set<T>> waiting = new ConcurrentHashMap<>();

    /** Indexes {@code operation} under {@code partition}. */
    public void add(TopicPartition partition, T operation) {
        waiting.compute(partition, (p, set) -> {
            Set<T> operations = set == null ? ConcurrentHashMap.newKeySet() : set;
            operations.add(operation);
            return operations;
        });
    }

    /** Removes {@code operation} from each of its partitions. */
    public void remove(Collection<TopicPartition> partitions, T operation) {
        for (TopicPartition partition : partitions) {
            waiting.computeIfPresent(partition, (p, set) -> {
                set.remove(operation);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** @return the operations waiting on {@code partition} (a live view; may be empty) */
    public Set<T> on(TopicPartition partition) {
        Set<T> operations = waiting.get(partition);
        return operations == null ? Set.of() : operations;
    }

    /** @return every waiting operation, once each */
    public List<T> all() {
        return waiting.values().stream().flatMap(Set::stream).distinct().toList();
    }
}
