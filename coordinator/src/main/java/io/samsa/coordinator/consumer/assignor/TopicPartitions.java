package io.samsa.coordinator.consumer.assignor;

import io.samsa.protocol.types.Uuid;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A mutable set of partitions by topic id, as the assignors build them up. Not thread-safe; an
 * assignor's result is handed over and not changed afterwards.
 */
public final class TopicPartitions {
    private final Map<Uuid, Set<Integer>> partitions = new TreeMap<>();
    private int size;

    /** @return a copy of {@code partitions} */
    public static TopicPartitions copyOf(Map<Uuid, ? extends Set<Integer>> partitions) {
        TopicPartitions copy = new TopicPartitions();
        partitions.forEach((topicId, indexes) -> indexes.forEach(partition -> copy.add(topicId, partition)));
        return copy;
    }

    public void add(Uuid topicId, int partition) {
        if (partitions.computeIfAbsent(topicId, id -> new TreeSet<>()).add(partition)) {
            size++;
        }
    }

    public boolean contains(Uuid topicId, int partition) {
        Set<Integer> indexes = partitions.get(topicId);
        return indexes != null && indexes.contains(partition);
    }

    public int size() {
        return size;
    }

    /** @return the partitions by topic (unmodifiable view) */
    public Map<Uuid, Set<Integer>> partitions() {
        return Collections.unmodifiableMap(partitions);
    }

    @Override
    public String toString() {
        return partitions.toString();
    }
}
