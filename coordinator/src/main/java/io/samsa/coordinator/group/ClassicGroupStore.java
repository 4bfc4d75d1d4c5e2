package io.samsa.coordinator.group;

import io.samsa.coordinator.records.proto.GroupMetadataValue;
import io.samsa.coordinator.timeline.SnapshotRegistry;
import io.samsa.coordinator.timeline.TimelineHashMap;
import java.util.Collection;
import java.util.Map;

/**
 * The classic groups of one {@code __consumer_offsets} partition, by group id. Changed only by
 * {@link #replay}; reverted with the shard's {@link SnapshotRegistry} when an append fails.
 *
 * <p>Not thread-safe: owned by the shard's event thread.
 */
public final class ClassicGroupStore {
    private final TimelineHashMap<String, ClassicGroup> groups;

    public ClassicGroupStore(SnapshotRegistry registry) {
        this.groups = new TimelineHashMap<>(registry);
    }

    /**
     * Installs a group's state from a {@code GROUP_METADATA} record, or deletes the group on a
     * tombstone.
     *
     * @param value the record value, or null for a tombstone
     */
    public void replay(String groupId, GroupMetadataValue value) {
        if (value == null) {
            groups.remove(groupId);
        } else {
            groups.put(groupId, GroupCoordinatorRecords.toClassicGroup(groupId, value));
        }
    }

    /** @return the group, or null */
    public ClassicGroup group(String groupId) {
        return groups.get(groupId);
    }

    /** @return every group (unmodifiable live view; do not hold across events) */
    public Collection<ClassicGroup> groups() {
        return groups.values();
    }

    public int size() {
        return groups.size();
    }

    /** @return a copy of every group by id, for comparisons */
    public Map<String, ClassicGroup> toMap() {
        return groups.toMap();
    }
}
