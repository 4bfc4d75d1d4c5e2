package io.samsa.coordinator.offsets;

import io.samsa.coordinator.records.proto.OffsetCommitValue;
import io.samsa.coordinator.timeline.SnapshotRegistry;
import io.samsa.coordinator.timeline.TimelineHashMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The committed offsets of one {@code __consumer_offsets} partition, keyed by group, then topic
 * partition. Offsets exist independently of group metadata: standalone consumers commit without
 * ever joining. Changed only by {@link #replay}; reverted with the shard's {@link SnapshotRegistry}.
 *
 * <p>Two levels of timeline maps, so fetching or expiring one group's offsets touches only that
 * group, and a revert restores both the outer entries and the inner contents.
 *
 * <p>Not thread-safe: owned by the shard's event thread.
 */
public final class OffsetStore {
    private final SnapshotRegistry registry;
    private final TimelineHashMap<String, TimelineHashMap<TopicPartition, CommittedOffset>> byGroup;

    public OffsetStore(SnapshotRegistry registry) {
        this.registry = registry;
        this.byGroup = new TimelineHashMap<>(registry);
    }

    /**
     * Stores an {@code OFFSET_COMMIT} record's offset, or deletes it on a tombstone.
     *
     * @param value the record value, or null for a tombstone
     */
    public void replay(String groupId, TopicPartition partition, OffsetCommitValue value) {
        TimelineHashMap<TopicPartition, CommittedOffset> offsets = byGroup.get(groupId);
        if (value == null) {
            if (offsets != null) {
                offsets.remove(partition);
                if (offsets.isEmpty()) {
                    byGroup.remove(groupId);
                }
            }
            return;
        }
        if (offsets == null) {
            offsets = new TimelineHashMap<>(registry);
            byGroup.put(groupId, offsets);
        }
        offsets.put(partition, OffsetCommitRecords.toCommittedOffset(value));
    }

    /** @return the committed offset, or null */
    public CommittedOffset offset(String groupId, TopicPartition partition) {
        TimelineHashMap<TopicPartition, CommittedOffset> offsets = byGroup.get(groupId);
        return offsets == null ? null : offsets.get(partition);
    }

    /** @return the group's offsets (unmodifiable live view; do not hold across events) */
    public Set<Map.Entry<TopicPartition, CommittedOffset>> offsets(String groupId) {
        TimelineHashMap<TopicPartition, CommittedOffset> offsets = byGroup.get(groupId);
        return offsets == null ? Collections.emptySet() : offsets.entrySet();
    }

    public boolean hasOffsets(String groupId) {
        return byGroup.containsKey(groupId);
    }

    /** @return the ids of the groups with at least one offset (unmodifiable live view) */
    public Set<String> groupIds() {
        return byGroup.keySet();
    }

    /** @return a copy of every offset, by group then partition, for comparisons */
    public Map<String, Map<TopicPartition, CommittedOffset>> toMap() {
        Map<String, Map<TopicPartition, CommittedOffset>> copy = new HashMap<>();
        for (Map.Entry<String, TimelineHashMap<TopicPartition, CommittedOffset>> entry : byGroup.entrySet()) {
            copy.put(entry.getKey(), entry.getValue().toMap());
        }
        return copy;
    }
}
