package io.samsa.coordinator.admin;

import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.offsets.OffsetsContext;
import java.util.List;

/**
 * How the admin APIs see a group id on a shard as a classic group: a classic group with metadata, a
 * group that exists only through committed offsets (a standalone consumer's "simple" group: Empty,
 * no protocol type, as Kafka shows it), or nothing (the offsets of a consumer group are its own).
 * Stateless; thread-safe.
 */
final class GroupView {
    private GroupView() {
    }

    /** @return the group as the admin APIs show it, or null when the shard knows nothing of it */
    static ClassicGroup find(OffsetsContext shard, String groupId) {
        ClassicGroup group = shard.groups().group(groupId);
        if (group != null) {
            return group;
        }
        if (shard.offsets().hasOffsets(groupId) && shard.consumerGroups().group(groupId) == null) {
            return new ClassicGroup(groupId, ClassicGroupState.EMPTY, -1L, null, 0, null, null, List.of());
        }
        return null;
    }
}
