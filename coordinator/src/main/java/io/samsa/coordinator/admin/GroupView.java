package io.samsa.coordinator.admin;

import io.samsa.coordinator.GroupCoordinatorShard;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import java.util.List;

/**
 * How the admin APIs see a group id on a shard: a classic group with metadata, a group that exists
 * only through committed offsets (a standalone consumer's "simple" group: Empty, no protocol type,
 * as Kafka shows it), or nothing. Stateless; thread-safe.
 */
final class GroupView {
    private GroupView() {
    }

    /** @return the group as the admin APIs show it, or null when the shard knows nothing of it */
    static ClassicGroup find(GroupCoordinatorShard shard, String groupId) {
        ClassicGroup group = shard.groups().group(groupId);
        if (group != null) {
            return group;
        }
        if (shard.offsets().hasOffsets(groupId)) {
            return new ClassicGroup(groupId, ClassicGroupState.EMPTY, -1L, null, 0, null, null, List.of());
        }
        return null;
    }
}
