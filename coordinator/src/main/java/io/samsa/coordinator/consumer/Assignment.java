package io.samsa.coordinator.consumer;

import io.samsa.protocol.types.Uuid;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of partitions named by topic id and partition index: a member's target, what it owns, or
 * what it must revoke. Topics without partitions are never kept, so two equal sets compare equal.
 * Immutable; thread-safe.
 */
public final class Assignment {
    public static final Assignment EMPTY = new Assignment(new TreeMap<>());

    private final SortedMap<Uuid, SortedSet<Integer>> partitions;
    private final int size;

    private Assignment(SortedMap<Uuid, SortedSet<Integer>> partitions) {
        this.partitions = partitions;
        int count = 0;
        for (SortedSet<Integer> each : partitions.values()) {
            count += each.size();
        }
        this.size = count;
    }

    /** @return the assignment of {@code partitions} (copied; empty sets dropped) */
    public static Assignment of(Map<Uuid, ? extends Set<Integer>> partitions) {
        SortedMap<Uuid, SortedSet<Integer>> copy = new TreeMap<>();
        partitions.forEach((topicId, indexes) -> {
            if (!indexes.isEmpty()) {
                copy.put(topicId, Collections.unmodifiableSortedSet(new TreeSet<>(indexes)));
            }
        });
        return copy.isEmpty() ? EMPTY : new Assignment(copy);
    }

    /** @return the topics and their partitions (unmodifiable) */
    public SortedMap<Uuid, SortedSet<Integer>> partitions() {
        return Collections.unmodifiableSortedMap(partitions);
    }

    /** @return the partitions of {@code topicId}, empty when none */
    public SortedSet<Integer> partitions(Uuid topicId) {
        SortedSet<Integer> indexes = partitions.get(topicId);
        return indexes == null ? Collections.emptySortedSet() : indexes;
    }

    public boolean contains(Uuid topicId, int partition) {
        SortedSet<Integer> indexes = partitions.get(topicId);
        return indexes != null && indexes.contains(partition);
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** @return the number of partitions */
    public int size() {
        return size;
    }

    /** @return the partitions of this set that are also in {@code other} */
    public Assignment intersect(Assignment other) {
        return filter(other, true);
    }

    /** @return the partitions of this set that are not in {@code other} */
    public Assignment minus(Assignment other) {
        return filter(other, false);
    }

    /** @return the partitions of either set */
    public Assignment union(Assignment other) {
        if (other.isEmpty()) {
            return this;
        }
        Map<Uuid, Set<Integer>> merged = new TreeMap<>();
        partitions.forEach((topicId, indexes) -> merged.put(topicId, new TreeSet<>(indexes)));
        other.partitions.forEach((topicId, indexes) -> merged.computeIfAbsent(topicId, id -> new TreeSet<>()).addAll(indexes));
        return of(merged);
    }

    /** @return true when the two sets share a partition */
    public boolean overlaps(Assignment other) {
        for (Map.Entry<Uuid, SortedSet<Integer>> entry : partitions.entrySet()) {
            SortedSet<Integer> theirs = other.partitions.get(entry.getKey());
            if (theirs != null && !Collections.disjoint(entry.getValue(), theirs)) {
                return true;
            }
        }
        return false;
    }

    private Assignment filter(Assignment other, boolean keepShared) {
        Map<Uuid, Set<Integer>> kept = new TreeMap<>();
        partitions.forEach((topicId, indexes) -> {
            SortedSet<Integer> theirs = other.partitions(topicId);
            Set<Integer> result = new TreeSet<>();
            for (int partition : indexes) {
                if (theirs.contains(partition) == keepShared) {
                    result.add(partition);
                }
            }
            kept.put(topicId, result);
        });
        return of(kept);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Assignment other && partitions.equals(other.partitions);
    }

    @Override
    public int hashCode() {
        return partitions.hashCode();
    }

    @Override
    public String toString() {
        return partitions.toString();
    }
}
